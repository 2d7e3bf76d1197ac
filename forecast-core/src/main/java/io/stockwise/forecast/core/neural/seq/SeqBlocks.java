package io.stockwise.forecast.core.neural.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The two sequence architectures as DJL blocks. Both take {@code [past (B, context, PAST),
 * future (B, horizon, FUTURE), summary (B, SUMMARY)]} and return {@code (B, horizon, 10)}: nine
 * quantiles then the mean, in units of the series' scale. The last layer gives per horizon day a
 * base, nine increments and a mean; quantile {@code k} is
 * {@code max(0, base + Σ_{j≤k} softplus(inc_j))} and the mean {@code softplus}, as in
 * {@code mq_mlp}, so quantiles never cross and are never negative by construction.
 */
final class SeqBlocks {
    static final int RAW = 11;
    static final int OUT = io.stockwise.forecast.core.neural.QuantileOutputs.PER_DAY;

    private SeqBlocks() {}

    static Block of(SeqConfig c) {
        return switch (c.kind()) {
            case LSTM -> new LstmBlock(c);
            case TRANSFORMER -> new AttentionBlock(c);
        };
    }

    /** The input shapes for a batch of {@code b} windows. */
    static Shape[] inputShapes(SeqConfig c, long b) {
        return new Shape[] {new Shape(b, c.context(), SeqInputs.PAST), new Shape(b, c.horizon(), SeqInputs.FUTURE),
                new Shape(b, SeqInputs.SUMMARY)};
    }

    static NDArray quantiles(NDArray raw) {
        NDArray base = raw.get(":, :, 0:1");
        NDArray inc = Activation.softPlus(raw.get(":, :, 1:10")).cumSum(2);
        NDArray q = Activation.relu(base.add(inc));
        NDArray mean = Activation.softPlus(raw.get(":, :, 10:11"));
        return q.concat(mean, 2);
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static NDArray broadcastOver(NDArray v, long steps) {
        // (B, E) -> (B, steps, E)
        var s = v.getShape();
        return v.expandDims(1).broadcast(new Shape(s.get(0), steps, s.get(1)));
    }

    /**
     * MQ-RNN-style encoder-decoder: the summary vector starts the encoder's state, an LSTM reads
     * the context, a second LSTM continues from its state over the horizon days' known inputs
     * (with the summary embedding), and a per-day MLP head reads each decoder step.
     */
    static final class LstmBlock extends AbstractBlock {
        private final SeqConfig c;
        private final Linear init;
        private final Linear summary;
        private final LSTM encoder;
        private final LSTM decoder;
        private final Linear head;
        private final Linear out;

        LstmBlock(SeqConfig c) {
            super((byte) 1);
            this.c = c;
            init = addChildBlock("init", linear(c.hidden() * c.layers()));
            summary = addChildBlock("summary", linear(c.hidden()));
            encoder = addChildBlock("encoder", LSTM.builder().setStateSize(c.hidden()).setNumLayers(c.layers())
                    .optBatchFirst(true).optReturnState(true).build());
            decoder = addChildBlock("decoder", LSTM.builder().setStateSize(c.hidden()).setNumLayers(c.layers())
                    .optBatchFirst(true).optReturnState(true).build());
            head = addChildBlock("head", linear(c.hidden()));
            out = addChildBlock("out", linear(RAW));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray past = inputs.get(0);
            NDArray future = inputs.get(1);
            NDArray sum = inputs.get(2);
            long b = past.getShape().get(0);
            NDArray h0 = init.forward(ps, new NDList(sum), training).singletonOrThrow().tanh()
                    .reshape(b, c.layers(), c.hidden()).transpose(1, 0, 2).reshape(c.layers(), b, c.hidden());
            NDList enc = encoder.forward(ps, new NDList(past, h0), training);
            NDArray emb = Activation.relu(summary.forward(ps, new NDList(sum), training).singletonOrThrow());
            NDArray embSteps = broadcastOver(emb, c.horizon());
            NDArray decIn = future.concat(embSteps, 2);
            NDList dec = decoder.forward(ps, new NDList(decIn, enc.get(1), enc.get(2)), training);
            NDArray hidden = Activation.relu(head.forward(ps, new NDList(dec.get(0).concat(embSteps, 2)), training)
                    .singletonOrThrow());
            NDArray raw = out.forward(ps, new NDList(hidden), training).singletonOrThrow();
            return new NDList(quantiles(raw));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), c.horizon(), OUT)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            long b = inputShapes[0].get(0);
            int hd = c.hidden();
            init.initialize(manager, dataType, inputShapes[2]);
            summary.initialize(manager, dataType, inputShapes[2]);
            encoder.initialize(manager, dataType, inputShapes[0], new Shape(c.layers(), b, hd));
            decoder.initialize(manager, dataType, new Shape(b, c.horizon(), SeqInputs.FUTURE + hd),
                    new Shape(c.layers(), b, hd), new Shape(c.layers(), b, hd));
            head.initialize(manager, dataType, new Shape(b, c.horizon(), 2L * hd));
            out.initialize(manager, dataType, new Shape(b, c.horizon(), hd));
        }
    }

    /** A post-norm transformer encoder layer: self-attention and a ReLU feed-forward, each with a residual and LayerNorm. */
    static final class EncoderLayer extends AbstractBlock {
        private final ScaledDotProductAttentionBlock attention;
        private final LayerNorm norm1;
        private final Linear ff1;
        private final Linear ff2;
        private final LayerNorm norm2;

        EncoderLayer(int d, int heads) {
            super((byte) 1);
            attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder().setEmbeddingSize(d)
                    .setHeadCount(heads).optAttentionProbsDropoutProb(0f).build());
            norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
            ff1 = addChildBlock("ff1", linear(2 * d));
            ff2 = addChildBlock("ff2", linear(d));
            norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray a = attention.forward(ps, new NDList(x), training).singletonOrThrow();
            x = norm1.forward(ps, new NDList(x.add(a)), training).singletonOrThrow();
            NDArray f = Activation.relu(ff1.forward(ps, new NDList(x), training).singletonOrThrow());
            f = ff2.forward(ps, new NDList(f), training).singletonOrThrow();
            return norm2.forward(ps, new NDList(x.add(f)), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape s = inputShapes[0];
            attention.initialize(manager, dataType, s);
            norm1.initialize(manager, dataType, s);
            ff1.initialize(manager, dataType, s);
            ff2.initialize(manager, dataType, new Shape(s.get(0), s.get(1), s.get(2) * 2));
            norm2.initialize(manager, dataType, s);
        }
    }

    /**
     * PatchTST/TFT-style attention: the context is cut into weekly patches (seven days of inputs
     * and the patch's position, projected to one token each), every horizon day is one token of
     * its known inputs, the summary embedding is added to all tokens, and transformer encoder
     * layers attend over all of them; a per-day head reads the horizon tokens.
     */
    static final class AttentionBlock extends AbstractBlock {
        private final SeqConfig c;
        private final int patches;
        private final Linear patch;
        private final Linear day;
        private final Linear summary1;
        private final Linear summary2;
        private final EncoderLayer[] layers;
        private final Linear head;
        private final Linear out;

        AttentionBlock(SeqConfig c) {
            super((byte) 1);
            this.c = c;
            this.patches = c.context() / 7;
            int d = c.hidden();
            patch = addChildBlock("patch", linear(d));
            day = addChildBlock("day", linear(d));
            summary1 = addChildBlock("summary1", linear(d));
            summary2 = addChildBlock("summary2", linear(d));
            layers = new EncoderLayer[c.layers()];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = addChildBlock("layer" + i, new EncoderLayer(d, c.heads()));
            }
            head = addChildBlock("head", linear(d));
            out = addChildBlock("out", linear(RAW));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray past = inputs.get(0);
            NDArray future = inputs.get(1);
            NDArray sum = inputs.get(2);
            long b = past.getShape().get(0);
            NDArray position = past.getManager().eye(patches).expandDims(0).broadcast(new Shape(b, patches, patches));
            NDArray patchIn = past.reshape(b, patches, 7L * SeqInputs.PAST).concat(position, 2);
            NDArray tokens = patch.forward(ps, new NDList(patchIn), training).singletonOrThrow()
                    .concat(day.forward(ps, new NDList(future), training).singletonOrThrow(), 1);
            NDArray emb = Activation.relu(summary1.forward(ps, new NDList(sum), training).singletonOrThrow());
            emb = summary2.forward(ps, new NDList(emb), training).singletonOrThrow();
            NDArray x = tokens.add(emb.expandDims(1));
            for (var layer : layers) {
                x = layer.forward(ps, new NDList(x), training).singletonOrThrow();
            }
            NDArray horizonTokens = x.get(":, " + patches + ":, :");
            NDArray hidden = Activation.relu(head.forward(ps, new NDList(horizonTokens), training).singletonOrThrow());
            NDArray raw = out.forward(ps, new NDList(hidden), training).singletonOrThrow();
            return new NDList(quantiles(raw));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), c.horizon(), OUT)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            long b = inputShapes[0].get(0);
            int d = c.hidden();
            patch.initialize(manager, dataType, new Shape(b, patches, 7L * SeqInputs.PAST + patches));
            day.initialize(manager, dataType, inputShapes[1]);
            summary1.initialize(manager, dataType, inputShapes[2]);
            summary2.initialize(manager, dataType, new Shape(b, d));
            var tokens = new Shape(b, patches + c.horizon(), d);
            for (var layer : layers) {
                layer.initialize(manager, dataType, tokens);
            }
            head.initialize(manager, dataType, new Shape(b, c.horizon(), d));
            out.initialize(manager, dataType, new Shape(b, c.horizon(), d));
        }
    }
}
