package io.stockwise.forecast.core.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.stockwise.forecast.core.Quantiles;

/**
 * The training loss of {@link MqNetwork}: the pinball (quantile) loss averaged over the nine
 * {@link Quantiles#STANDARD} levels and all horizon days, plus {@code meanWeight} times the squared
 * error of the mean output (targets capped at {@value #MEAN_TARGET_CAP} scaled units so one huge
 * wholesale order does not dominate a batch).
 *
 * <p>Labels: {@code (batch, horizon)} scaled demand and optionally {@code (batch)} window weights
 * (the loss is the weighted mean over windows). Predictions: {@code (batch, horizon, 10)},
 * the nine quantiles then the mean.
 */
public final class PinballLoss extends Loss {
    static final float MEAN_TARGET_CAP = 200f;
    private final float meanWeight;

    public PinballLoss(float meanWeight) {
        super("pinball");
        this.meanWeight = meanWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray y = labels.get(0);
        NDArray pred = predictions.singletonOrThrow();
        NDArray q = pred.get(":, :, 0:9");
        NDArray mean = pred.get(":, :, 9");
        var levels = new float[Quantiles.COUNT];
        for (int j = 0; j < levels.length; j++) {
            levels[j] = (float) Quantiles.level(j);
        }
        NDArray tau = pred.getManager().create(levels);
        NDArray e = y.expandDims(2).sub(q);
        NDArray pinball = e.mul(tau).maximum(e.mul(tau.sub(1f))).mean(new int[] {2}).mean(new int[] {1});
        NDArray sq = mean.sub(y.clip(0f, MEAN_TARGET_CAP)).square().mean(new int[] {1});
        NDArray perWindow = pinball.add(sq.mul(meanWeight));
        if (labels.size() > 1) {
            perWindow = perWindow.mul(labels.get(1));
        }
        return perWindow.mean();
    }
}
