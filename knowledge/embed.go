//go:build !kbstub

package knowledge

import "embed"

// embedded holds the knowledge files compiled into the binary.
//
//go:embed data/*.yaml
var embedded embed.FS
