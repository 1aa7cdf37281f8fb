/**
 * Go source files built from function templates, with a main that serves or prints.
 */
import { pickN } from './random-choice.mjs';
import { T } from './template-fill.mjs';

// Go
const GO_FUNCS = [
  (c) => ({
    imports: [],
    code: T(
      String.raw`// «S» is a single «s» record.
type «S» struct {
	ID int
	«K» string
	«F» float64
}

// Total«F» returns the sum of «field» over all «p».
func Total«F»(«p» []«S») float64 {
	total := 0.0
	for _, item := range «p» {
		total += item.«F»
	}
	return total
}

// GroupBy«K» groups «p» by their «key».
func GroupBy«K»(«p» []«S») map[string][]«S» {
	groups := make(map[string][]«S»)
	for _, item := range «p» {
		groups[item.«K»] = append(groups[item.«K»], item)
	}
	return groups
}`,
      c,
    ),
  }),
  (c) => ({
    imports: ['sort', 'strings'],
    code: String.raw`// WordCount returns words sorted by descending frequency.
func WordCount(text string) []string {
	counts := make(map[string]int)
	for _, word := range strings.Fields(strings.ToLower(text)) {
		counts[strings.Trim(word, ".,;:!?\"'")]++
	}
	words := make([]string, 0, len(counts))
	for word := range counts {
		words = append(words, word)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	return words
}`,
  }),
  (c) => ({
    imports: ['encoding/json', 'net/http'],
    code: T(
      String.raw`// healthHandler reports whether the «s» service is up.
func healthHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "service": "«p»"})
}`,
      c,
    ),
  }),
  (c) => ({
    imports: ['sync'],
    code: T(
      String.raw`// processAll runs work on every item using a fixed number of goroutines.
func processAll(items []int, workers int, work func(int) int) []int {
	results := make([]int, len(items))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = work(items[i])
			}
		}()
	}
	for i := range items {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}`,
      c,
    ),
  }),
];

export function goFile(rng, c) {
  const fns = pickN(rng, GO_FUNCS, rng.int(2, 3)).map((f) => f(c));
  const usesHTTP = fns.some((f) => f.imports.includes('net/http'));
  const imports = new Set(['fmt', ...fns.flatMap((f) => f.imports)]);
  if (usesHTTP) imports.add('log');
  let main;
  if (usesHTTP) {
    main = `func main() {\n\thttp.HandleFunc("/healthz", healthHandler)\n\tfmt.Println("listening on :${rng.pick([8080, 8000, 9090, 3000])}")\n\tlog.Fatal(http.ListenAndServe(":${rng.pick([8080, 8000, 9090, 3000])}", nil))\n}`;
  } else {
    main = `func main() {\n\tfmt.Println("${c.p} tool ready")\n}`;
  }
  const importBlock = `import (\n${[...imports]
    .sort()
    .map((i) => `\t"${i}"`)
    .join('\n')}\n)`;
  return `// Command ${c.s}tool ${rng.pick(['summarises ' + c.p + ' exported from the billing system.', 'serves and processes ' + c.s + ' records.', 'is a small helper for the ' + c.p + ' pipeline.'])}\npackage main\n\n${importBlock}\n\n${fns.map((f) => f.code).join('\n\n')}\n\n${main}\n`;
}
