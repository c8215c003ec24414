package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sufler/sufler/knowledge/pack"
)

const (
	pack1 = "../../testdata/pack.json"
	pack2 = "../../testdata/pack2.json"
)

// runCmd runs the command as a shell would and returns its exit status and output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestValidateOK(t *testing.T) {
	code, out, errOut := runCmd(t, "", "validate", pack1, pack2)
	want := "ok: 2 packs, 5 segments, 8 templates, 5 cases, 7 rules (17 rule examples hold)\n"
	if code != 0 || out != want || errOut != "" {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
}

func TestValidateProblems(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	data, _ := os.ReadFile(pack1)
	// Break three things on known lines: a typo, an unknown segment and a failing example.
	s := strings.Replace(string(data), `"triggers": ["где мой груз"`, `"trigers": ["где мой груз"`, 1)
	s = strings.Replace(s, `"smb": "{{customer_name}}, нужны инвойс`, `"vip": "{{customer_name}}, нужны инвойс`, 1)
	s = strings.Replace(s, `"flag": ["Гарантируем выпуск груза завтра."`, `"flag": ["Ожидаем выпуск груза завтра."`, 1)
	if err := os.WriteFile(bad, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, "", "validate", bad)
	want := []string{
		bad + `:36: templates[0].trigers: unknown field (did you mean "triggers"?)`,
		bad + `:51: templates[1].variants: missing segment smb`,
		bad + `:56: templates[1].variants.vip: unknown segment (corporate, smb, newcomer)`,
		bad + `:171: rules[0].examples.flag[0]: not flagged`,
	}
	if code != 1 || out != strings.Join(want, "\n")+"\n" {
		t.Errorf("exit %d, got:\n%s\nwant:\n%s", code, out, strings.Join(want, "\n"))
	}

	// A segment clash between files is found as the engine would find it.
	twin := filepath.Join(dir, "twin.json")
	os.WriteFile(twin, []byte(strings.Replace(string(data), `"id": "vector-test"`, `"id": "vector-twin"`, 1)), 0o644)
	code, out, _ = runCmd(t, "", "validate", pack1, twin)
	if code != 1 || !strings.HasPrefix(out, twin+`:9: segments[0].id: "corporate" already belongs to pack "vector-test"`) {
		t.Errorf("segment clash: exit %d\n%s", code, out)
	}

	// Lint problems fail validation unless -lint=false.
	lint := filepath.Join(dir, "lint.json")
	s = strings.Replace(string(data), `отправили. Ожидаем выпуск`, `отправили. Гарантируем выпуск`, 1)
	os.WriteFile(lint, []byte(s), 0o644)
	code, out, _ = runCmd(t, "", "validate", lint)
	if code != 1 || !strings.Contains(out, "lint.json:40: templates[0].variants.smb: breaks rule promise-release (error) at «Гарантируем выпуск»") {
		t.Errorf("lint: exit %d\n%s", code, out)
	}
	if code, out, _ = runCmd(t, "", "validate", "-lint=false", lint); code != 0 || !strings.HasPrefix(out, "ok: 1 pack,") {
		t.Errorf("-lint=false: exit %d\n%s", code, out)
	}

	// Syntax errors carry their own position; unreadable files are usage errors.
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte("{\n  \"id\": \"x\",\n}"), 0o644)
	code, out, _ = runCmd(t, "", "validate", broken)
	if code != 1 || out != broken+": invalid JSON at line 3, column 1 (byte 15): invalid character '}' looking for beginning of object key string\n" {
		t.Errorf("syntax: exit %d %q", code, out)
	}
	if code, _, errOut := runCmd(t, "", "validate", filepath.Join(dir, "missing.json")); code != 2 || !strings.Contains(errOut, "missing.json") {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
	if code, _, _ := runCmd(t, "", "validate"); code != 2 {
		t.Errorf("no files: exit %d", code)
	}
}

func TestCheck(t *testing.T) {
	text := "Добрый день!\nГарантируем выпуск груза завтра, на 100%. Карта 4111 1111 1111 1111."
	code, out, _ := runCmd(t, text, "check", "-pack", pack1, "-pack", pack2, "-segment", "corporate")
	want := "2:1-2:19 error promise-release «Гарантируем выпуск»: Не обещайте сроков, которые решает таможня. → Ожидаемый срок выпуска — …\n" +
		"2:37-2:41 warning percent-promise «100%»: «На 100 %» звучит как обещание, которого мы не можем дать.\n" +
		"2:49-2:68 error card-number «4111 1111 1111 1111»: Не пишите номер карты в переписке.\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, got:\n%s\nwant:\n%s", code, out, want)
	}
	if code, out, _ := runCmd(t, "Ожидаем выпуск к пятнице.", "check", "-pack", pack1); code != 0 || out != "" {
		t.Errorf("clean text: exit %d %q", code, out)
	}
	if code, _, errOut := runCmd(t, "текст", "check", "-pack", pack1, "-segment", "vip"); code != 2 || !strings.Contains(errOut, `unknown segment "vip" (valid: corporate, smb, newcomer)`) {
		t.Errorf("bad segment: exit %d %q", code, errOut)
	}
}

func TestSearchSuggestGuess(t *testing.T) {
	code, out, _ := runCmd(t, "", "search", "-pack", pack1, "-kind", "template", "-limit", "1", "задержали", "груз")
	if code != 0 || !strings.Contains(out, "template vector-test/delay-status  Задержка груза на таможне") ||
		!strings.Contains(out, "<mark>Задержка</mark> <mark>груза</mark>") {
		t.Errorf("search: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "Коробки пришли мятые", "suggest", "-pack", pack1, "-segment", "smb", "-limit", "2")
	if code != 0 || !strings.Contains(out, "case vector-test/damaged-cargo") || !strings.Contains(out, "(via case damaged-cargo)") {
		t.Errorf("suggest: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "Я агент, где моя комиссия?", "guess", "-pack", pack1, "-pack", pack2)
	if code != 0 || out != "partner (pack pulse-test), score 2.00: агент, комиссия\n" {
		t.Errorf("guess: exit %d %q", code, out)
	}
	if code, out, _ := runCmd(t, "Здравствуйте", "guess", "-pack", pack1); code != 1 || !strings.HasPrefix(out, "no segment") {
		t.Errorf("guess nothing: exit %d %q", code, out)
	}
}

func TestDefaultPacksLoad(t *testing.T) {
	// Without -pack the embedded packs answer.
	code, out, errOut := runCmd(t, "", "search", "-limit", "1", "груз")
	if code != 0 || !strings.Contains(out, " found\n") {
		t.Errorf("default packs: exit %d\n%s%s", code, out, errOut)
	}
}

func TestGen(t *testing.T) {
	code, out, _ := runCmd(t, "", "gen", "-entries", "40", "-id", "load", "-seed", "3")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	p, problems := pack.Parse([]byte(out))
	if len(problems) > 0 || p.ID != "load" || len(p.Templates) != 28 || len(p.Cases) != 12 {
		t.Errorf("generated pack: %v %+v", problems, p.Info())
	}
	if code, _, _ := runCmd(t, "", "gen", "-entries", "-1"); code != 2 {
		t.Errorf("negative entries: exit %d", code)
	}
}

func TestUsage(t *testing.T) {
	if code, _, errOut := runCmd(t, ""); code != 2 || !strings.HasPrefix(errOut, "usage:") {
		t.Errorf("no args: %d %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "lint"); code != 2 || !strings.HasPrefix(errOut, `sufler-pack: unknown command "lint"`) {
		t.Errorf("unknown: %d %q", code, errOut)
	}
}
