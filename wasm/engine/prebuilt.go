package engine

//go:generate go test -run TestPrebuilt -update

// The default packs reach the engine as Go data (prebuilt_gen.go, generated from
// knowledge/packs/*.json and held to it by TestPrebuilt) rather than as JSON to read at
// every start. Reading and checking the two packs' JSON took ≈ 350 ms of a cold start in
// wasm, before the first check could answer; the generated data is laid out by the
// linker, so a start only compiles the rules (see the README's performance section).
