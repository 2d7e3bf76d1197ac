package io.stockwise.bench.forecast;

import io.stockwise.forecast.core.DemandSeries;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.model.Baselines;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqNetwork;
import io.stockwise.forecast.core.neural.TrainingMonitor;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forecast speed: training plus forecasting a whole catalog with the global network and with every
 * baseline (the yardstick, same run), then single-series forecast latency at 64 concurrent callers
 * against a pool of loaded networks versus one caller in a loop.
 *
 * <pre>
 * ./bench io.stockwise.bench.forecast.ForecastBenchmark online-retail FILE
 * ./bench io.stockwise.bench.forecast.ForecastBenchmark generated SERIES DAYS
 * </pre>
 */
public final class ForecastBenchmark {
    private ForecastBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<DemandSeries> data;
        String what;
        if (args.length >= 2 && args[0].equals("online-retail")) {
            data = OnlineRetail.read(Path.of(args[1]));
            what = "Online Retail " + args[1];
        } else if (args.length >= 3 && args[0].equals("generated")) {
            data = generate(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1);
            what = "generated " + args[1] + " series x " + args[2] + " days";
        } else {
            System.err.println("usage: ForecastBenchmark online-retail FILE | generated SERIES DAYS");
            System.exit(2);
            return;
        }
        int horizon = 28;
        var histories = data.stream().filter(s -> s.firstSaleIndex() < s.length()).toList();
        System.out.printf(Locale.ROOT, "%s: %d series, %d days each, %d cores%n", what, histories.size(),
                histories.get(0).length(), Runtime.getRuntime().availableProcessors());

        for (ForecastModel m : Baselines.all()) {
            long t0 = System.nanoTime();
            m.fitAndForecast(histories, horizon);
            System.out.printf(Locale.ROOT, "baseline %-15s fit+forecast %8.1f s%n", m.name(), (System.nanoTime() - t0) / 1e9);
        }
        var config = MqConfig.defaults(horizon);
        long t0 = System.nanoTime();
        var net = MqNetwork.train(histories, config, new TrainingMonitor() {
            @Override
            public void progress(double fraction, double loss) {
                System.out.printf(Locale.ROOT, "  epoch %.0f%% loss %.4f at %.1f s%n", fraction * 100, loss, (System.nanoTime() - t0) / 1e9);
            }
        });
        long t1 = System.nanoTime();
        net.forecast(histories);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "mq_mlp train %.1f s (%d windows, %d epochs), forecast all %.1f s, total %.1f s%n",
                (t1 - t0) / 1e9, config.maxSamples(), config.epochs(), (t2 - t1) / 1e9, (t2 - t0) / 1e9);

        // Serving: one series per call.
        var bytes = net.toBytes();
        net.close();
        int callers = 64;
        int poolSize = Runtime.getRuntime().availableProcessors();
        var pool = new ArrayBlockingQueue<MqNetwork>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            pool.add(MqNetwork.fromBytes(bytes, "cpu"));
        }
        var one = List.of(histories.get(0));
        var single = pool.take();
        for (int i = 0; i < 200; i++) {
            single.forecast(one);
        }
        int n = 2000;
        long s0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            single.forecast(one);
        }
        double singleRate = n / ((System.nanoTime() - s0) / 1e9);
        pool.add(single);
        System.out.printf(Locale.ROOT, "in-process predictor, 1 caller: %.0f forecasts/s (%.3f ms each)%n", singleRate, 1000 / singleRate);

        int perCaller = 300;
        var latencies = new long[callers * perCaller];
        var index = new AtomicLong();
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(callers);
        for (int c = 0; c < callers; c++) {
            int offset = c;
            new Thread(() -> {
                try {
                    start.await();
                    var series = List.of(histories.get(offset % histories.size()));
                    for (int i = 0; i < perCaller; i++) {
                        long a = System.nanoTime();
                        var p = pool.take();
                        try {
                            p.forecast(series);
                        } finally {
                            pool.add(p);
                        }
                        latencies[(int) index.getAndIncrement()] = System.nanoTime() - a;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        long c0 = System.nanoTime();
        start.countDown();
        done.await();
        double secs = (System.nanoTime() - c0) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "pooled predictors (%d), %d concurrent callers: %.0f forecasts/s, p50 %.2f ms, p99 %.2f ms%n",
                poolSize, callers, latencies.length / secs, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6);
        for (var p : pool) {
            p.close();
        }
    }

    /** A seeded catalog: per series a level, weekly profile, trend, intermittency and launch day. */
    static List<DemandSeries> generate(int series, int days, long seed) {
        var rnd = new SplittableRandom(seed);
        var start = LocalDate.of(2020, 1, 6);
        var out = new ArrayList<DemandSeries>(series);
        for (int i = 0; i < series; i++) {
            double level = Math.exp(rnd.nextDouble(-2, 3));
            double p = rnd.nextDouble(0.1, 1);
            double trend = rnd.nextDouble(-0.0005, 0.001);
            int launch = rnd.nextInt(10) == 0 ? rnd.nextInt(days) : 0;
            var week = new double[7];
            for (int d = 0; d < 7; d++) {
                week[d] = d == 5 ? 0.2 : rnd.nextDouble(0.6, 1.4);
            }
            var y = new double[days];
            for (int t = launch; t < days; t++) {
                if (rnd.nextDouble() < p) {
                    double m = level / p * week[t % 7] * Math.exp(trend * t);
                    y[t] = Math.round(m * rnd.nextDouble(0.3, 1.7));
                }
            }
            out.add(DemandSeries.of(String.format("G%06d", i), start, y));
        }
        return out;
    }
}
