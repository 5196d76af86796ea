package synth

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Stats counts what a generation produced.
type Stats struct {
	Files            int
	ByFormat         map[string]int
	Bytes            int64
	PlantedConflicts int // articles stating a deal's amount wrongly on purpose
}

var (
	syllables = []string{"Ax", "Bri", "Cor", "Dex", "El", "Fen", "Gal", "Hel", "Ion", "Jun", "Kor", "Lum", "Mer", "Nov",
		"Orb", "Pax", "Quin", "Ryl", "Sol", "Tor", "Umb", "Vex", "Wyn", "Xan", "Yor", "Zel"}
	tails       = []string{"ra", "ix", "on", "is", "ex", "ia", "eo", "us", "al", "yn"}
	kinds       = []string{"Labs", "Robotics", "Analytics", "Systems", "Networks", "Bio", "Data", "Dynamics", "Cloud", "Logic"}
	investors   = []string{"Amazon", "Microsoft", "Google", "Meta", "NVIDIA", "Oracle", "Salesforce", "SoftBank", "Intel", "Apple"}
	first       = []string{"Maya", "Daniel", "Priya", "Tom", "Lena", "Omar", "Grace", "Ivan", "Sara", "Kenji", "Ana", "Lucas"}
	last        = []string{"Whitfield", "Nair", "Reyes", "Ortiz", "Eklund", "Haddad", "Moreau", "Sato", "Kowalski", "Mensah"}
	months      = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	clientVerbs = []string{"has ended its contract with", "is reviewing its contract with", "has paused its work with",
		"is reducing its reliance on", "has expanded its work with"}
	fillers = []string{
		"Analysts said the agreement reflects a broader push by large technology groups to secure access to specialised models and the engineers who build them.",
		"The company has spent the past year hiring researchers and expanding its data centres, according to people who have worked with it.",
		"Competition for computing capacity has intensified as more firms train larger systems, pushing up prices for chips and power.",
		"Regulators in several countries have begun to examine such partnerships, asking whether minority stakes give investors influence without formal control.",
		"Customers in finance and healthcare have been cautious, citing concerns about data security and the cost of integrating new tools.",
		"Executives described the deal as a long-term bet rather than a quick return, and said more products would follow next year.",
		"The start-up's engineers have focused on making their systems cheaper to run, a priority for clients wary of rising bills.",
		"Investors have poured money into the sector even as some question whether revenue will grow fast enough to justify the prices.",
		"Partnerships of this kind often include commitments to buy cloud services, which can return much of the money to the investor.",
		"Several rivals are weighing similar arrangements, according to bankers who advise on technology deals.",
		"The firm said it would keep its independence and continue to work with other cloud providers where customers require it.",
		"Industry observers noted that the terms resemble earlier agreements between chip makers and model developers.",
	}
)

type deal struct {
	investor, target, ceo, client string
	amount, valuation             float64 // billions
	stake, cagr                   int
	month, year                   int
	revenue                       float64 // millions
	hires                         int
	market                        string
	marketFrom, marketTo          int
	ticker                        string
}

func name(r *rand.Rand) string {
	return syllables[r.Intn(len(syllables))] + tails[r.Intn(len(tails))] + " " + kinds[r.Intn(len(kinds))]
}

func newDeal(r *rand.Rand) deal {
	d := deal{investor: investors[r.Intn(len(investors))], target: name(r), client: name(r),
		ceo: first[r.Intn(len(first))] + " " + last[r.Intn(len(last))], amount: float64(1+r.Intn(90)) / 10,
		stake: 5 + r.Intn(40), month: 1 + r.Intn(12), year: 2021 + r.Intn(5), revenue: float64(50 + r.Intn(900)),
		hires: 100 * (1 + r.Intn(20)), market: []string{"AI data", "robotics software", "cloud security", "synthetic biology", "edge computing"}[r.Intn(5)],
		marketFrom: 10 + r.Intn(40), cagr: 10 + r.Intn(25)}
	d.valuation = float64(int(d.amount/float64(d.stake)*1000+0.5)) / 10
	d.marketTo = int(float64(d.marketFrom)*pow(1+float64(d.cagr)/100, 5) + 0.5)
	d.ticker = strings.ToUpper(d.target[:3]) + "X"
	return d
}

func pow(b float64, n int) float64 {
	out := 1.0
	for i := 0; i < n; i++ {
		out *= b
	}
	return out
}

func money(b float64) string {
	return "$" + strconv.FormatFloat(b, 'f', -1, 64) + " billion"
}

// paragraphs writes an article's body about a deal: claim sentences mixed
// with filler until the word count is reached.
func paragraphs(r *rand.Rand, d deal, wrong bool, words int) []string {
	amount := d.amount
	if wrong {
		amount = float64(int(amount*13+0.5)) / 10 // 30% off: a planted conflict
	}
	claims := []string{
		fmt.Sprintf("%s invested %s in %s in %s %d, taking a %d%% stake in the company.", d.investor, money(amount), d.target, months[d.month-1], d.year, d.stake),
		fmt.Sprintf("The deal valued %s at %s, according to people familiar with the matter.", d.target, money(d.valuation)),
		fmt.Sprintf("%s, the chief executive of %s, said the partnership would speed up its research.", d.ceo, d.target),
		fmt.Sprintf("%s reported revenue of $%s million for %d.", d.target, strconv.FormatFloat(d.revenue, 'f', -1, 64), d.year-1),
		fmt.Sprintf("%s hired %d engineers last year.", d.target, d.hires),
		fmt.Sprintf("%s %s %s, citing costs.", d.client, clientVerbs[r.Intn(len(clientVerbs))], d.target),
		fmt.Sprintf("The %s market, worth $%d billion in %d, is forecast to reach $%d billion by %d, a compound annual growth rate of %d%%.",
			d.market, d.marketFrom, d.year, d.marketTo, d.year+5, d.cagr),
		fmt.Sprintf("Shares of %s (NASDAQ: %s) rose 4%% after the announcement.", d.investor, d.ticker),
	}
	r.Shuffle(len(claims), func(i, j int) { claims[i], claims[j] = claims[j], claims[i] })
	var out []string
	n := 0
	ci := 0
	for n < words {
		var p strings.Builder
		for s := 0; s < 3+r.Intn(3); s++ {
			var sent string
			if ci < len(claims) && r.Intn(3) == 0 {
				sent = claims[ci]
				ci++
			} else {
				sent = fillers[r.Intn(len(fillers))]
			}
			if p.Len() > 0 {
				p.WriteByte(' ')
			}
			p.WriteString(sent)
			n += strings.Count(sent, " ") + 1
		}
		out = append(out, p.String())
	}
	for ; ci < len(claims); ci++ {
		out = append(out, claims[ci])
	}
	return out
}

// Stream produces the corpus without a disk: the same files Generate writes.
func Stream(n int, seed int64, fn func(name string, data []byte) error) (Stats, error) {
	r := rand.New(rand.NewSource(seed))
	st := Stats{ByFormat: map[string]int{}}
	var deals []deal
	for i := 0; i < max(1, n/8); i++ {
		deals = append(deals, newDeal(r))
	}
	for i := 0; i < n; i++ {
		d := deals[r.Intn(len(deals))]
		wrong := r.Intn(33) == 0
		if wrong {
			st.PlantedConflicts++
		}
		body := paragraphs(r, d, wrong, 400+r.Intn(420))
		title := fmt.Sprintf("%s bets on %s as the race for AI talent heats up", d.investor, d.target)
		author := first[r.Intn(len(first))] + " " + last[r.Intn(len(last))]
		day := 1 + r.Intn(28)
		var data []byte
		var ext string
		switch k := r.Intn(4); {
		case k < 2:
			ext = "txt"
			data = []byte(fmt.Sprintf("%s\n\n%s%s, %s %d, %d 9:%02d am ET\n4min read\n\n%s\n", title, author,
				[]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}[r.Intn(5)], months[d.month-1][:3], day, d.year, r.Intn(60),
				strings.Join(body, "\n\n")))
		case k == 2:
			ext = "md"
			data = []byte(fmt.Sprintf("---\ntitle: %s\ndate: %d-%02d-%02d\nauthor: %s\nsource: Synthetic Ledger\n---\n\n# %s\n\n%s\n",
				title, d.year, d.month, day, author, title, strings.Join(body, "\n\n")))
		default:
			ext = "html"
			var b strings.Builder
			fmt.Fprintf(&b, "<!doctype html><html><head><meta charset=\"utf-8\"><title>%s | Synthetic Times</title>", title)
			fmt.Fprintf(&b, "<meta property=\"og:title\" content=\"%s\"><meta property=\"article:published_time\" content=\"%d-%02d-%02dT10:00:00Z\">", title, d.year, d.month, day)
			b.WriteString("<script>window.dataLayer=[];</script></head><body><nav><a href=\"/\">Home</a> <a href=\"/tech\">Tech</a></nav><article>")
			fmt.Fprintf(&b, "<h1>%s</h1>", title)
			for _, p := range body {
				fmt.Fprintf(&b, "<p>%s</p>", p)
			}
			b.WriteString("</article><aside class=\"related\"><p>Related: Orbital raises $9 billion</p></aside><footer>Synthetic Times</footer></body></html>")
			data = []byte(b.String())
		}
		name := fmt.Sprintf("%03d/article-%06d.%s", i/1000, i, ext)
		st.Files++
		st.ByFormat[ext]++
		st.Bytes += int64(len(data))
		if err := fn(name, data); err != nil {
			return st, err
		}
	}
	return st, nil
}

// Generate writes n articles under dir, in folders of at most 1,000 files.
// The same seed gives the same bytes.
func Generate(dir string, n int, seed int64) (Stats, error) {
	return Stream(n, seed, func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	})
}

// Change makes a day's changes to a corpus Generate wrote under dir: the
// first plain-text article is removed, and in the second the first amount
// in billions becomes one in millions. It returns the two paths.
func Change(dir string) (removed, rewritten string, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil {
		return "", "", err
	}
	if len(files) < 2 {
		return "", "", fmt.Errorf("change %s: %d plain-text articles, want at least 2", dir, len(files))
	}
	removed, rewritten = files[0], files[1]
	if err := os.Remove(removed); err != nil {
		return "", "", err
	}
	text, err := os.ReadFile(rewritten)
	if err != nil {
		return "", "", err
	}
	changed := bytes.Replace(text, []byte(" billion"), []byte(" million"), 1)
	if bytes.Equal(changed, text) {
		return "", "", fmt.Errorf("change %s: %s states no amount in billions", dir, rewritten)
	}
	return removed, rewritten, os.WriteFile(rewritten, changed, 0o644)
}
