// Command etcdbench is the etcd side of e2e/bench-store.sh: it puts values of a given size into an
// etcd cluster from a number of concurrent writers for a while, and prints committed writes/s and
// latency percentiles as one JSON object with the field names `strongroom bench store --json`
// uses, so the two are compared in one run on one machine.
//
// etcd's own benchmark tool (go.etcd.io/etcd/tools/v3) is not served by the module proxy this
// project builds from; this one uses etcd's client, as that tool does.
package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

type result struct {
	Concurrency     int     `json:"concurrency"`
	WritesPerSecond float64 `json:"writesPerSecond"`
	P50Ms           float64 `json:"p50Ms"`
	P99Ms           float64 `json:"p99Ms"`
	P999Ms          float64 `json:"p999Ms"`
	Errors          int64   `json:"errors"`
}

func main() {
	endpoints := flag.String("endpoints", "", "comma-separated client URLs of every member")
	concurrency := flag.Int("concurrency", 16, "puts in flight")
	conns := flag.Int("conns", 2, "gRPC connections the writers share (the store benchmark's --clients)")
	seconds := flag.Int("seconds", 20, "measured seconds")
	warmup := flag.Int("warmup-seconds", 3, "unmeasured seconds first")
	valueSize := flag.Int("value-size", 1024, "bytes per value")
	keys := flag.Int("keys", 10000, "distinct keys the writers cycle through")
	flag.Parse()
	if *endpoints == "" || *concurrency < 1 || *conns < 1 || *seconds < 1 || *valueSize < 1 {
		flag.Usage()
		os.Exit(2)
	}
	leader, err := leaderEndpoint(strings.Split(*endpoints, ","))
	if err != nil {
		fmt.Fprintln(os.Stderr, "etcdbench:", err)
		os.Exit(1)
	}
	// Writes go to the leader, as the store benchmark's do: a follower would forward each one.
	clients := make([]*clientv3.Client, *conns)
	for i := range clients {
		if clients[i], err = clientv3.New(clientv3.Config{Endpoints: []string{leader}, DialTimeout: 5 * time.Second, Logger: zap.NewNop()}); err != nil {
			fmt.Fprintln(os.Stderr, "etcdbench:", err)
			os.Exit(1)
		}
		defer clients[i].Close()
	}
	value := make([]byte, *valueSize)
	if _, err := rand.Read(value); err != nil {
		panic(err)
	}
	if *warmup > 0 {
		run(clients, *concurrency, *keys, string(value), time.Duration(*warmup)*time.Second)
	}
	latencies, errors, elapsed := run(clients, *concurrency, *keys, string(value), time.Duration(*seconds)*time.Second)
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	out, _ := json.Marshal(result{
		Concurrency:     *concurrency,
		WritesPerSecond: float64(len(latencies)) / elapsed.Seconds(),
		P50Ms:           percentile(latencies, 0.50),
		P99Ms:           percentile(latencies, 0.99),
		P999Ms:          percentile(latencies, 0.999),
		Errors:          errors,
	})
	fmt.Println(string(out))
}

// leaderEndpoint asks every member for its status and returns the one that leads.
func leaderEndpoint(endpoints []string) (string, error) {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, ep := range endpoints {
			c, err := clientv3.New(clientv3.Config{Endpoints: []string{ep}, DialTimeout: 2 * time.Second, Logger: zap.NewNop()})
			if err != nil {
				continue
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			status, err := c.Status(ctx, ep)
			cancel()
			c.Close()
			if err == nil && status.Leader != 0 && status.Leader == status.Header.MemberId {
				return ep, nil
			}
		}
		time.Sleep(200 * time.Millisecond) // polling an external process for its election
	}
	return "", fmt.Errorf("no member of %v became leader within 30 s", endpoints)
}

// run keeps `concurrency` puts in flight for `d` and returns each acknowledged put's latency.
func run(clients []*clientv3.Client, concurrency, keys int, value string, d time.Duration) ([]time.Duration, int64, time.Duration) {
	var mu sync.Mutex
	var all []time.Duration
	var errors int64
	var wg sync.WaitGroup
	start := time.Now()
	stop := start.Add(d)
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			client := clients[w%len(clients)]
			var mine []time.Duration
			var failed int64
			for i := w; time.Now().Before(stop); i += concurrency {
				t := time.Now()
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				_, err := client.Put(ctx, fmt.Sprintf("bench/%08d", i%keys), value)
				cancel()
				if err != nil {
					failed++
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			all = append(all, mine...)
			errors += failed
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	return all, errors, time.Since(start)
}

func percentile(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	// Nearest rank, as the store benchmark computes it.
	i := min(max(int(math.Ceil(q*float64(len(sorted))))-1, 0), len(sorted)-1)
	return float64(sorted[i].Nanoseconds()) / 1e6
}
