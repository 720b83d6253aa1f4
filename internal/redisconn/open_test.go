package redisconn

import (
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func TestRedisURLForms(t *testing.T) {
	tests := []struct {
		name, url string
		check     func(t *testing.T, c redis.UniversalClient)
		wantErr   bool
	}{
		{name: "single", url: "redis://:pw@127.0.0.1:6379/3", check: func(t *testing.T, c redis.UniversalClient) {
			o := c.(*redis.Client).Options()
			if o.DB != 3 || o.DialTimeout != time.Second || o.MaxRetries != 1 {
				t.Errorf("got db %d dial %v retries %d", o.DB, o.DialTimeout, o.MaxRetries)
			}
		}},
		{name: "url settings win", url: "redis://127.0.0.1:6379/0?dial_timeout=4s&max_retries=5", check: func(t *testing.T, c redis.UniversalClient) {
			if o := c.(*redis.Client).Options(); o.DialTimeout != 4*time.Second || o.MaxRetries != 5 {
				t.Errorf("got dial %v retries %d", o.DialTimeout, o.MaxRetries)
			}
		}},
		{name: "cluster", url: "redis-cluster://127.0.0.1:7000?addr=127.0.0.1:7001&addr=127.0.0.1:7002", check: func(t *testing.T, c redis.UniversalClient) {
			if o := c.(*redis.ClusterClient).Options(); len(o.Addrs) != 3 {
				t.Errorf("got addrs %v", o.Addrs)
			}
		}},
		{name: "sentinel", url: "redis://127.0.0.1:26379?master_name=mymaster&addr=127.0.0.1:26380", check: func(t *testing.T, c redis.UniversalClient) {
			if _, ok := c.(*redis.Client); !ok {
				t.Errorf("got %T, want a failover *redis.Client", c)
			}
		}},
		{name: "garbage", url: "redis://user:hunter2@[::1", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := client(tt.url)
			if tt.wantErr {
				if err == nil {
					t.Fatal("got no error")
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Errorf("error leaks the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			tt.check(t, c)
		})
	}
}
