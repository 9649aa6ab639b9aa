// Command deliverybench is a load generator for e2e/bench-delivery.sh: it asks the delivery
// endpoint for deliveries as agent processes do, each over a new TLS connection with no session
// to resume (P-256 key share, as the agents' JVMs offer), from a number of concurrent clients, and
// prints deliveries/s, latency percentiles and its own CPU per delivery as one JSON object. With
// --rate it starts deliveries on a schedule and counts each one's latency from its scheduled start.
//
// It exists because the benchmark's clients share the machine with the replica they measure: a
// JVM client spends several milliseconds of CPU on each new handshake, which on two cores caps
// the rate at what the clients can make rather than what the replica can serve. Go's TLS client
// spends a fraction of that. It reads only what the agent reads: the status and the body.
package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type result struct {
	Deliveries int     `json:"deliveries"`
	Seconds    float64 `json:"seconds"`
	PerSecond  float64 `json:"perSecond"`
	P50Ms      float64 `json:"p50Ms"`
	P99Ms      float64 `json:"p99Ms"`
	Failures   int64   `json:"failures"`
	// The load generator's own CPU per delivery (user and system), to set beside the replica's.
	ClientCPUMs   float64 `json:"clientCpuMsPerDelivery"`
	FirstFailure  string  `json:"firstFailure,omitempty"`
	SecretsServed int64   `json:"secretsServed"`
}

func main() {
	url := flag.String("url", "", "the endpoint, https://host:port")
	caFile := flag.String("ca-file", "", "the CA bundle agents trust")
	tokensFile := flag.String("tokens-file", "", "one pod-bound token per line; used in turn")
	count := flag.Int("count", 3000, "deliveries to make")
	concurrency := flag.Int("concurrency", 32, "deliveries in flight (at most, when paced)")
	rate := flag.Float64("rate", 0, "deliveries started per second, latency counted from each one's"+
		" scheduled start; 0: a closed loop of --concurrency clients")
	flag.Parse()
	// The load generator's own collections are CPU the replica does not get.
	debug.SetGCPercent(400)
	if *url == "" || *caFile == "" || *tokensFile == "" {
		fail("--url, --ca-file and --tokens-file are required")
	}
	pem, err := os.ReadFile(*caFile)
	if err != nil {
		fail(err.Error())
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		fail("no certificate in " + *caFile)
	}
	tokens, err := readLines(*tokensFile)
	if err != nil || len(tokens) == 0 {
		fail(fmt.Sprintf("no tokens in %s: %v", *tokensFile, err))
	}
	target, err := neturl.Parse(*url)
	if err != nil || target.Scheme != "https" || target.Port() == "" {
		fail("--url must be https://host:port")
	}
	// A new connection and handshake for every delivery, as each agent process makes: no session
	// cache, so nothing is resumed.
	config := &tls.Config{
		RootCAs:          roots,
		ServerName:       target.Hostname(),
		MinVersion:       tls.VersionTLS12,
		CurvePreferences: []tls.CurveID{tls.CurveP256},
	}

	latencies := make([]time.Duration, *count)
	var next, failures, served atomic.Int64
	var firstFailure atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= *count {
					return
				}
				t0 := time.Now()
				if *rate > 0 {
					t0 = start.Add(time.Duration(float64(i) / *rate * float64(time.Second)))
					time.Sleep(time.Until(t0))
				}
				secrets, err := deliver(config, target.Host, tokens[i%len(tokens)])
				latencies[i] = time.Since(t0)
				if err != nil {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, err.Error())
					continue
				}
				served.Add(int64(secrets))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	r := result{
		Deliveries:    *count,
		Seconds:       elapsed.Seconds(),
		PerSecond:     float64(*count) / elapsed.Seconds(),
		P50Ms:         ms(percentile(latencies, 50)),
		P99Ms:         ms(percentile(latencies, 99)),
		Failures:      failures.Load(),
		SecretsServed: served.Load(),
	}
	if f, ok := firstFailure.Load().(string); ok {
		r.FirstFailure = f
	}
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err == nil {
		cpu := time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
		r.ClientCPUMs = ms(cpu) / float64(*count)
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}

// deliver makes one delivery over a new connection and returns how many secrets it carried. The
// request is the agent's: a POST with its bearer token and no body, on HTTP/1.1.
func deliver(config *tls.Config, host, token string) (int, error) {
	dialer := &tls.Dialer{NetDialer: &net.Dialer{Timeout: 10 * time.Second}, Config: config}
	conn, err := dialer.Dial("tcp", host)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		return 0, err
	}
	request := "POST /v1/deliveries HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token +
		"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
	if _, err := io.WriteString(conn, request); err != nil {
		return 0, err
	}
	response, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, err
	}
	body, err := io.ReadAll(response.Body)
	if err != nil {
		return 0, err
	}
	if response.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d: %s", response.StatusCode, strings.TrimSpace(string(body)))
	}
	// The delivery format: "SRD", version 1, then a big-endian u16 count of files.
	if len(body) < 6 || !bytes.Equal(body[:4], []byte{'S', 'R', 'D', 1}) {
		return 0, fmt.Errorf("not a delivery body (%d bytes)", len(body))
	}
	return int(body[4])<<8 | int(body[5]), nil
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p/100*float64(len(sorted))+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 64*1024), 64*1024)
	for scanner.Scan() {
		if line := strings.TrimSpace(scanner.Text()); line != "" {
			lines = append(lines, line)
		}
	}
	return lines, scanner.Err()
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "deliverybench: "+message)
	os.Exit(2)
}
