package io.stockwise.forecast.core.ensemble;

import io.stockwise.forecast.core.metrics.Score;
import java.util.List;

/** Averages of scores over origins. */
public final class Scores {
    private Scores() {}

    /** The element-wise mean of the summary fields (per series arrays are not kept). */
    public static Score mean(List<Score> scores) {
        int n = scores.size();
        double rt = 0;
        double rs = 0;
        double st = 0;
        double ss = 0;
        double mm = 0;
        double md = 0;
        var cov = new double[4];
        for (var s : scores) {
            rt += s.wrmsseTotal() / n;
            rs += s.wrmsseSku() / n;
            st += s.wsplTotal() / n;
            ss += s.wsplSku() / n;
            mm += s.maseMean() / n;
            md += s.maseMedian() / n;
            for (int k = 0; k < 4; k++) {
                cov[k] += s.coverage()[k] / n;
            }
        }
        return new Score(rt, rs, st, ss, mm, md, cov, new double[0], new double[0], new double[0]);
    }
}
