package morph

import "github.com/sufler/sufler/rules/morph/internal/build"

// buildFromSource runs the generator in-process (the test binary links it; the engine does not).
func buildFromSource(dir, vocabulary string) ([]byte, string, error) {
	return build.Build(dir, vocabulary)
}
