//go:build !linux

package library

import "os"

// syncFiles makes the files written to dir durable, one fsync each, then the
// folder that names them.
func syncFiles(dir string, paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	syncDir(dir)
	return nil
}
