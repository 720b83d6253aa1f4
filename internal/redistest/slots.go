package redistest

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// crossSlot is a go-redis hook that fails, as Redis Cluster does with
// CROSSSLOT, a command or a MULTI/EXEC whose keys lie in more than one hash
// slot. Every client New returns has it, so a store tested against one
// server is known to work on a Cluster too.
type crossSlot struct{}

func (crossSlot) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		return next(ctx, network, addr)
	}
}

func (crossSlot) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if err := sameSlot(commandKeys(cmd)); err != nil {
			cmd.SetErr(fmt.Errorf("%s: %w", cmd.Name(), err))
			return cmd.Err()
		}
		return next(ctx, cmd)
	}
}

func (crossSlot) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		tx := len(cmds) > 0 && cmds[0].Name() == "multi"
		var all []string
		for _, c := range cmds {
			keys := commandKeys(c)
			if err := sameSlot(keys); err != nil {
				c.SetErr(fmt.Errorf("%s: %w", c.Name(), err))
				return c.Err()
			}
			if keys == nil && !keyless[c.Name()] && len(c.Args()) > 1 {
				keys = []string{fmt.Sprint(c.Args()[1])} // a single-key command
			}
			all = append(all, keys...)
		}
		if err := sameSlot(all); tx && err != nil {
			err = fmt.Errorf("MULTI/EXEC: %w", err)
			for _, c := range cmds {
				c.SetErr(err)
			}
			return err
		}
		return next(ctx, cmds)
	}
}

// keyless are the commands without keys that a transaction may hold.
var keyless = map[string]bool{"multi": true, "exec": true, "ping": true, "publish": true, "echo": true, "select": true}

// sameSlot fails when keys hash to more than one Cluster slot.
func sameSlot(keys []string) error {
	for _, k := range keys[min(1, len(keys)):] {
		if Slot(k) != Slot(keys[0]) {
			return fmt.Errorf("CROSSSLOT Keys in request don't hash to the same slot (%q is in slot %d, %q in %d; redistest checks as Redis Cluster does)",
				keys[0], Slot(keys[0]), k, Slot(k))
		}
	}
	return nil
}

// commandKeys returns the keys of the multi-key commands the advisor may
// send; single-key commands cannot cross slots and return none.
func commandKeys(cmd redis.Cmder) []string {
	args := cmd.Args()
	str := func(from, to int) []string {
		var out []string
		for i := from; i < to && i < len(args); i++ {
			out = append(out, fmt.Sprint(args[i]))
		}
		return out
	}
	numKeys := func(at int) int {
		if at >= len(args) {
			return 0
		}
		n, _ := strconv.Atoi(fmt.Sprint(args[at]))
		return n
	}
	switch strings.ToLower(cmd.Name()) {
	case "del", "unlink", "exists", "touch", "mget", "watch", "sunion", "sinter", "sdiff",
		"sunionstore", "sinterstore", "sdiffstore", "pfcount", "pfmerge":
		return str(1, len(args))
	case "mset", "msetnx":
		var out []string
		for i := 1; i < len(args); i += 2 {
			out = append(out, fmt.Sprint(args[i]))
		}
		return out
	case "rename", "renamenx", "smove", "rpoplpush", "lmove", "copy":
		return str(1, 3)
	case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro":
		return str(3, 3+numKeys(2))
	case "zunionstore", "zinterstore", "zdiffstore":
		return append(str(1, 2), str(3, 3+numKeys(2))...)
	}
	return nil
}

// Slot is the Redis Cluster hash slot of key: CRC16 (XMODEM) of the key, or
// of its hash tag (the part inside the first {…}, if not empty), mod 16384.
func Slot(key string) int {
	if i := strings.IndexByte(key, '{'); i >= 0 {
		if j := strings.IndexByte(key[i+1:], '}'); j > 0 {
			key = key[i+1 : i+1+j]
		}
	}
	var crc uint16
	for i := 0; i < len(key); i++ {
		crc ^= uint16(key[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return int(crc) % 16384
}
