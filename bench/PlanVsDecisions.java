import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Side by side: the 14 single decisions an agent would send for one prospect (sequentially, one keep-alive
 * connection), against one plan for the same prospect. Each round sends both, alternating which goes first.
 * Usage: java bench/PlanVsDecisions.java BASE_URL [ROUNDS] [WARMUP]
 */
public class PlanVsDecisions {
    static final String[] STEPS = {"COLLECTION", "ENRICHMENT", "STORAGE", "SEGMENTATION", "SCORING", "PERSONALISATION", "SHARING", "TRAINING"};
    static final String[] CHANNELS = {"EMAIL", "SMS", "PHONE", "AUTOMATED_CALL", "LINKEDIN", "POST"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String example = Files.readString(Path.of("bench/requests/contract-example.json"));
        String noStep = example.replaceFirst("\"step\":\\s*\"OUTREACH\",", "").replaceFirst("\"channel\":\\s*\"EMAIL\",", "");
        if (noStep.contains("\"step\"") || noStep.contains("\"channel\"")) {
            throw new IllegalStateException("cannot strip step and channel from the example");
        }
        List<String> singles = new ArrayList<>();
        for (String s : STEPS) {
            singles.add(noStep.replaceFirst("\\{", "{\"step\": \"" + s + "\","));
        }
        for (String c : CHANNELS) {
            singles.add(noStep.replaceFirst("\\{", "{\"step\": \"OUTREACH\", \"channel\": \"" + c + "\","));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> single = new ArrayList<>();
        List<Long> plan = new ArrayList<>();
        for (int r = 0; r < warmup + rounds; r++) {
            long a;
            long b;
            if (r % 2 == 0) {
                a = time(() -> { for (String s : singles) { post(http, base + "/v1/decisions", s); } });
                b = time(() -> post(http, base + "/v1/plans", noStep));
            } else {
                b = time(() -> post(http, base + "/v1/plans", noStep));
                a = time(() -> { for (String s : singles) { post(http, base + "/v1/decisions", s); } });
            }
            if (r >= warmup) {
                single.add(a);
                plan.add(b);
            }
        }
        System.out.printf("rounds: %d (after %d warm-up rounds)%n", rounds, warmup);
        System.out.printf("14 single decisions, sequential: p50 %.1f ms, p90 %.1f ms, mean %.1f ms%n", pct(single, 50), pct(single, 90), mean(single));
        System.out.printf("1 plan of 14 cells:              p50 %.1f ms, p90 %.1f ms, mean %.1f ms%n", pct(plan, 50), pct(plan, 90), mean(plan));
        System.out.printf("plan / singles (p50): %.2f%n", pct(plan, 50) / pct(single, 50));
    }

    interface Call { void run() throws Exception; }

    static long time(Call c) throws Exception {
        long t0 = System.nanoTime();
        c.run();
        return System.nanoTime() - t0;
    }

    static void post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static double pct(List<Long> xs, int p) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1)) / 1e6;
    }

    static double mean(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
    }
}
