package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"github.com/claimcheck/claimcheck/report"
)

// runCompletion prints a completion script for bash, zsh or fish, made
// from the commands' own flag sets so that it never lists a flag a command
// does not take.
func runCompletion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "completion", "completion bash|zsh|fish\n\nPrints a shell completion script. Load it with:\n"+
		"  bash: source <(claimcheck completion bash)      (or save it in /etc/bash_completion.d/claimcheck)\n"+
		"  zsh:  claimcheck completion zsh > \"${fpath[1]}/_claimcheck\"   (then start a new shell)\n"+
		"  fish: claimcheck completion fish > ~/.config/fish/completions/claimcheck.fish")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("name one shell: bash, zsh or fish")
	}
	specs := commandSpecs(ctx)
	switch pos[0] {
	case "bash":
		bashCompletion(e.stdout, specs)
	case "zsh":
		zshCompletion(e.stdout, specs)
	case "fish":
		fishCompletion(e.stdout, specs)
	default:
		return usagef("unknown shell %q: want bash, zsh or fish", pos[0])
	}
	return nil
}

type flagSpec struct {
	name, usage string
	takesValue  bool
	values      []string // the values it allows, when they are few
	files       bool     // its value is a file or folder
}

type commandSpec struct {
	name, summary string
	flags         []flagSpec
	files         bool     // takes files or folders as arguments
	words         []string // or these words
}

// flagValues are the fixed choices of flags, for completion.
var flagValues = map[string][]string{
	"format":     report.Formats,
	"log-format": {"text", "json"},
	"color":      {"auto", "always", "never"},
	"fail-on":    {"new", "any", "never"},
	"show":       report.Shows,
	"type":       {"conflict", "unverified_ticker", "inconsistent"},
}

var fileFlags = map[string]bool{"db": true, "o": true, "rules": true, "tickers": true}

// commandWords are the words some commands take instead of files.
var commandWords = map[string][]string{
	"rules":      {"list", "test"},
	"tickers":    {"import"},
	"completion": {"bash", "zsh", "fish"},
	"help":       nil,
}

// commandSpecs reads every command's flags by asking it for help with the
// output thrown away: parsing --help returns before a command does anything.
func commandSpecs(ctx context.Context) []commandSpec {
	var out []commandSpec
	for _, c := range commands {
		probe := &env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		_ = c.run(ctx, probe, []string{"--help"})
		spec := commandSpec{name: c.name, summary: c.summary, words: commandWords[c.name]}
		switch c.name {
		case "check", "ingest", "run", "tickers":
			spec.files = true
		}
		if probe.flags != nil {
			probe.flags.VisitAll(func(f *flag.Flag) {
				bf, isBool := f.Value.(interface{ IsBoolFlag() bool })
				spec.flags = append(spec.flags, flagSpec{name: f.Name, usage: f.Usage, takesValue: !(isBool && bf.IsBoolFlag()),
					values: flagValues[f.Name], files: fileFlags[f.Name]})
			})
		}
		out = append(out, spec)
	}
	out = append(out, commandSpec{name: "help", summary: "show help for a command"})
	for _, c := range commands {
		out[len(out)-1].words = append(out[len(out)-1].words, c.name)
	}
	return out
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func bashCompletion(w io.Writer, specs []commandSpec) {
	var names []string
	for _, s := range specs {
		names = append(names, s.name)
	}
	fmt.Fprintf(w, `# bash completion for claimcheck: source <(claimcheck completion bash)
_claimcheck() {
    local cur prev cmd flags words
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=( $(compgen -W "%s" -- "$cur") )
        return
    fi
    cmd="${COMP_WORDS[1]}"
    case "$prev" in
`, strings.Join(names, " "))
	// A flag's values: fixed choices, or files.
	values := map[string][]string{}
	var fileOpts []string
	for _, s := range specs {
		for _, f := range s.flags {
			if len(f.values) > 0 {
				values[dashed(f.name)] = f.values
			} else if f.files {
				fileOpts = append(fileOpts, dashed(f.name))
			}
		}
	}
	var keys []string
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "        %s) COMPREPLY=( $(compgen -W \"%s\" -- \"$cur\") ); return ;;\n", k, strings.Join(values[k], " "))
	}
	if len(fileOpts) > 0 {
		fmt.Fprintf(w, "        %s) COMPREPLY=( $(compgen -f -- \"$cur\") ); return ;;\n", strings.Join(uniq(fileOpts), "|"))
	}
	fmt.Fprint(w, "    esac\n    flags=\"\"\n    words=\"\"\n    case \"$cmd\" in\n")
	for _, s := range specs {
		var fl []string
		for _, f := range s.flags {
			fl = append(fl, dashed(f.name))
		}
		fmt.Fprintf(w, "        %s) flags=\"%s\"; words=\"%s\" ;;\n", s.name, strings.Join(fl, " "), strings.Join(s.words, " "))
	}
	fmt.Fprint(w, `    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
    elif [ -n "$words" ]; then
        COMPREPLY=( $(compgen -W "$words" -- "$cur") )
    else
        COMPREPLY=( $(compgen -f -- "$cur") )
    fi
}
complete -o filenames -o bashdefault -F _claimcheck claimcheck
`)
}

// zshQuote makes s safe inside a single-quoted _arguments spec: brackets
// and colons are its syntax.
func zshQuote(s string) string {
	s = strings.NewReplacer("[", "(", "]", ")", ":", `\:`, "'", `'\''`).Replace(s)
	return s
}

func zshCompletion(w io.Writer, specs []commandSpec) {
	fmt.Fprint(w, "#compdef claimcheck\n# zsh completion for claimcheck: claimcheck completion zsh > \"${fpath[1]}/_claimcheck\"\n_claimcheck() {\n    local -a commands\n    commands=(\n")
	for _, s := range specs {
		fmt.Fprintf(w, "        '%s:%s'\n", s.name, zshQuote(s.summary))
	}
	fmt.Fprint(w, "    )\n    if (( CURRENT == 2 )); then\n        _describe 'command' commands\n        return\n    fi\n    local cmd=$words[2]\n    shift words\n    (( CURRENT-- ))\n    case $cmd in\n")
	for _, s := range specs {
		fmt.Fprintf(w, "        %s)\n            _arguments -s", s.name)
		for _, f := range s.flags {
			spec := dashed(f.name) + "[" + zshQuote(firstLine(f.usage)) + "]"
			switch {
			case len(f.values) > 0:
				spec += ":" + f.name + ":(" + strings.Join(f.values, " ") + ")"
			case f.files:
				spec += ":" + f.name + ":_files"
			case f.takesValue:
				spec += ":" + f.name + ": "
			}
			fmt.Fprintf(w, " \\\n                '%s'", spec)
		}
		switch {
		case len(s.words) > 0:
			fmt.Fprintf(w, " \\\n                '*:argument:(%s)'", strings.Join(s.words, " "))
		case s.files:
			fmt.Fprint(w, " \\\n                '*:file or folder:_files'")
		}
		fmt.Fprint(w, "\n            ;;\n")
	}
	fmt.Fprint(w, "    esac\n}\nif [ \"$funcstack[1]\" = \"_claimcheck\" ]; then\n    _claimcheck \"$@\"\nelse\n    compdef _claimcheck claimcheck\nfi\n")
}

func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

func fishCompletion(w io.Writer, specs []commandSpec) {
	fmt.Fprint(w, "# fish completion for claimcheck: claimcheck completion fish > ~/.config/fish/completions/claimcheck.fish\n")
	fmt.Fprint(w, "complete -c claimcheck -f\n")
	for _, s := range specs {
		fmt.Fprintf(w, "complete -c claimcheck -n __fish_use_subcommand -a %s -d %s\n", s.name, fishQuote(s.summary))
	}
	for _, s := range specs {
		cond := fishQuote("__fish_seen_subcommand_from " + s.name)
		for _, f := range s.flags {
			line := "complete -c claimcheck -n " + cond
			if len(f.name) == 1 {
				line += " -s " + f.name
			} else {
				line += " -l " + f.name
			}
			switch {
			case len(f.values) > 0:
				line += " -x -a " + fishQuote(strings.Join(f.values, " "))
			case f.files:
				line += " -r -F"
			case f.takesValue:
				line += " -x"
			}
			fmt.Fprintln(w, line+" -d "+fishQuote(firstLine(f.usage)))
		}
		switch {
		case len(s.words) > 0:
			fmt.Fprintf(w, "complete -c claimcheck -n %s -a %s\n", cond, fishQuote(strings.Join(s.words, " ")))
		case s.files:
			fmt.Fprintf(w, "complete -c claimcheck -n %s -F\n", cond)
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func uniq(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
