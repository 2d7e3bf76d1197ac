package io.stockwise.forecast.core.neural.seq;

import io.stockwise.forecast.core.Backtest;
import io.stockwise.forecast.core.ForecastModel;
import io.stockwise.forecast.core.TotalAggregator;
import io.stockwise.forecast.core.data.OnlineRetail;
import io.stockwise.forecast.core.model.WeekdayProfile;
import io.stockwise.forecast.core.neural.MqConfig;
import io.stockwise.forecast.core.neural.MqForecaster;
import io.stockwise.forecast.core.neural.TrainingMonitor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the sequence models against {@code mq_mlp} and {@code weekday_ma} at several origins of
 * an Online Retail file with the project's {@link Backtest} (same split, same metrics): each model
 * is fitted on the histories cut at the origin and scored on the {@code horizon} days after it.
 * Reads nothing after the last origin's horizon.
 *
 * <pre>
 * java -cp ... io.stockwise.forecast.core.neural.seq.SeqEvaluation FILE HORIZON ORIGIN [ORIGIN...]
 *     [-Dseq.models=weekday_ma,mq_mlp,seq_lstm,seq_transformer] [-Dseq.epochs=N] [-Dseq.samples=N]
 *     [-Dseq.lr=F] [-Dseq.seed=N] [-Dseq.hidden=N]
 * </pre>
 */
public final class SeqEvaluation {
    private SeqEvaluation() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: SeqEvaluation FILE HORIZON ORIGIN [ORIGIN...]");
            System.exit(2);
        }
        var file = Path.of(args[0]);
        int horizon = Integer.parseInt(args[1]);
        var origins = new ArrayList<LocalDate>();
        for (int i = 2; i < args.length; i++) {
            origins.add(LocalDate.parse(args[i]));
        }
        var last = origins.stream().max(LocalDate::compareTo).orElseThrow().plusDays(horizon);
        var data = OnlineRetail.read(file, last);
        var wanted = List.of(System.getProperty("seq.models", "weekday_ma,mq_mlp,seq_lstm,seq_transformer").split(","));
        var summary = new LinkedHashMap<String, double[]>();
        for (var origin : origins) {
            var models = models(wanted, horizon);
            var histories = Backtest.historiesAt(data, origin);
            for (var m : models) {
                if (m instanceof SeqForecaster s) {
                    long all = SeqNetwork.candidates(histories, horizon);
                    System.out.printf(Locale.ROOT, "%s at %s: about %d of %d training windows (%d series), %d epochs%n",
                            m.name(), origin, Math.min(all, s.config().maxSamples()), all, histories.size(),
                            s.config().epochs());
                }
            }
            var split = Backtest.run(data, origin, horizon, models, new TotalAggregator());
            System.out.print(Backtest.table(split));
            for (var r : split.results()) {
                var acc = summary.computeIfAbsent(r.model(), k -> new double[4]);
                acc[0] += r.score().wrmsse() / origins.size();
                acc[1] += r.score().wspl() / origins.size();
                acc[2] += r.millis() / 1000.0 / origins.size();
                acc[3]++;
            }
        }
        System.out.printf(Locale.ROOT, "%naverage over %d origins%n%-18s %8s %8s %10s%n", origins.size(), "model", "WRMSSE",
                "WSPL", "fit s");
        for (Map.Entry<String, double[]> e : summary.entrySet()) {
            System.out.printf(Locale.ROOT, "%-18s %8.4f %8.4f %10.1f%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                    e.getValue()[2]);
        }
    }

    private static List<ForecastModel> models(List<String> wanted, int horizon) {
        var out = new ArrayList<ForecastModel>();
        for (var name : wanted) {
            switch (name) {
                case WeekdayProfile.NAME -> out.add(new WeekdayProfile());
                case MqForecaster.NAME -> out.add(new MqForecaster(MqConfig.defaults(horizon)));
                case "seq_lstm" -> out.add(seq(SeqConfig.Kind.LSTM, horizon));
                case "seq_transformer" -> out.add(seq(SeqConfig.Kind.TRANSFORMER, horizon));
                default -> throw new IllegalArgumentException("unknown model " + name);
            }
        }
        return out;
    }

    private static SeqForecaster seq(SeqConfig.Kind kind, int horizon) {
        var c = SeqConfig.defaults(kind, horizon);
        if (Integer.getInteger("seq.epochs") != null) {
            c = c.withEpochs(Integer.getInteger("seq.epochs"));
        }
        if (Integer.getInteger("seq.samples") != null) {
            c = c.withMaxSamples(Integer.getInteger("seq.samples"));
        }
        if (System.getProperty("seq.lr") != null) {
            c = c.withLearningRate(Float.parseFloat(System.getProperty("seq.lr")));
        }
        if (Long.getLong("seq.seed") != null) {
            c = c.withSeed(Long.getLong("seq.seed"));
        }
        if (Integer.getInteger("seq.hidden") != null) {
            c = c.withHidden(Integer.getInteger("seq.hidden"));
        }
        long[] start = {System.nanoTime()};
        return new SeqForecaster(c, new TrainingMonitor() {
            @Override
            public void progress(double fraction, double loss) {
                System.err.printf(Locale.ROOT, "  %s training %3.0f%% loss %.4f (%.1f s)%n", kind.modelName(),
                        100 * fraction, loss, (System.nanoTime() - start[0]) / 1e9);
                if (fraction >= 1) {
                    start[0] = System.nanoTime();
                }
            }
        });
    }
}
