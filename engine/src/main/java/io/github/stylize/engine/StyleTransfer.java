package io.github.stylize.engine;

import io.github.stylize.engine.image.ColorTransfer;
import io.github.stylize.engine.image.ContentMask;
import io.github.stylize.engine.image.ImageReader;
import io.github.stylize.engine.image.ImageWriter;
import io.github.stylize.engine.image.Resampler;
import io.github.stylize.engine.image.RgbImage;
import io.github.stylize.engine.network.NativeBackend;
import io.github.stylize.engine.network.Vgg19Layers;
import io.github.stylize.engine.network.VggNetwork;
import io.github.stylize.engine.network.VggPreprocessing;
import io.github.stylize.engine.objective.BlendedGrams;
import io.github.stylize.engine.objective.Evaluation;
import io.github.stylize.engine.objective.PositionMask;
import io.github.stylize.engine.objective.StyleObjective;
import io.github.stylize.engine.optim.Adam;
import io.github.stylize.engine.optim.Lbfgs;
import io.github.stylize.engine.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The engine's entry point: one stylization, start to finish, in the order of Gatys et al.
 * <ol>
 *   <li>read the content image and fit it into {@code size}; read the style images and fit them to
 *       {@code styleScale} times the content's longest side (with {@code preserveColors}, match their colours or
 *       luminance to the content's);</li>
 *   <li>build VGG19 up to the deepest layer the settings read; compute the content features and the style Gram
 *       matrices, blended by the styles' weights;</li>
 *   <li>start from noise, the content image, or a blend; optimize the pixels with Adam or L-BFGS;</li>
 *   <li>undo the preprocessing, put back the content's chroma ({@code luminance}) and alpha, encode.</li>
 * </ol>
 * Loads ND4J on first use; nothing here writes files.
 */
public final class StyleTransfer {
    /** Noise for the initial image: uniform in +-this many levels around the ImageNet mean colour. */
    static final float NOISE_AMPLITUDE = 20f;

    private StyleTransfer() {
    }

    /** Runs {@code request} to completion, reporting to its listener; throws {@link StylizeException} on bad input. */
    public static StyleTransferResult run(StyleTransferRequest request) {
        StyleSettings settings = request.settings();
        ProgressListener listener = request.listener();
        long start = System.nanoTime();
        String deepest = settings.deepestLayer();
        List<String> styleLayers = settings.activeStyleLayers();

        RgbImage contentSource = ImageReader.read(request.content(), request.maxPixels());
        RgbImage content = fitContent(contentSource, settings.size(), settings.tileable());
        // content is never enlarged: a larger size helps only when it was shrunk
        String contentFix = content == contentSource ? "use a larger image" : "use a larger size or image";
        List<WeightedStyle> styles = request.styles();
        List<RgbImage> styleSources = new ArrayList<>();
        for (WeightedStyle style : styles) {
            RgbImage source = ImageReader.read(style.image(), request.maxPixels());
            String styleProblem = PreparedSizes.styleProblem(style.image().toString(), source.width(),
                    source.height(), new int[]{content.width(), content.height()}, settings.styleScale(),
                    request.maxPixels());
            if (styleProblem != null) { // before the enlarged style, or anything of the network, is allocated
                throw new InvalidSettingException("styleScale", styleProblem);
            }
            styleSources.add(prepareStyle(source, content, settings.preserveColors()));
        }
        // with luminance only, the network sees grey images; the content's chroma is put back at the end
        RgbImage optimized = settings.preserveColors() == StyleSettings.PreserveColors.LUMINANCE
                ? ColorTransfer.luminance(content) : content;
        UnaryOperator<RgbImage> colours = settings.preserveColors() == StyleSettings.PreserveColors.LUMINANCE
                ? image -> ColorTransfer.withLuminance(image, content) : UnaryOperator.identity();
        RgbImage mask = request.contentMask() == null ? null : fitContent(ContentMask.read(request.contentMask(),
                request.content(), contentSource.width(), contentSource.height(), request.maxPixels()),
                settings.size(), settings.tileable());
        // outside the mask the output keeps the content, after the colours are put back
        float[] outputWeights = mask == null ? null : ContentMask.weights(mask);
        UnaryOperator<RgbImage> finish = mask == null ? colours
                : image -> ContentMask.composite(colours.apply(image), content, outputWeights);
        String backend = NativeBackend.ensureLoaded();
        if (request.requireGpu() && !NativeBackend.isGpu()) {
            throw new StylizeException("requireGpu is set, but ND4J loaded " + backend + ". Add ND4J's CUDA backend "
                    + "(org.nd4j:nd4j-cuda-11.6:" + NativeBackend.ND4J_VERSION + ") as a dependency of the plugin, "
                    + "check that nvidia-smi lists a GPU that CUDA 11.6 supports (compute capability 3.7 to 8.6), "
                    + "or unset requireGpu to run on the CPU.");
        }
        VggNetwork network = new VggNetwork(request.weights(), deepest, settings.pooling(), DataType.FLOAT);
        List<int[]> levels = levelSizes(optimized, styleSources, settings.styleScale(), settings.scales(),
                1 << network.poolings());
        List<Double> styleWeights = styles.stream().map(WeightedStyle::weight).toList();
        long prepareNanos = System.nanoTime() - start;
        long optimizeNanos = 0;
        int evaluations = 0;

        INDArray image = null;
        Level result = null;
        for (int level = 0; level < levels.size(); level++) {
            long levelStart = System.nanoTime();
            boolean last = level == levels.size() - 1;
            RgbImage levelContent = last ? optimized
                    : Resampler.resize(optimized, levels.get(level)[0], levels.get(level)[1], settings.tileable());
            RgbImage levelMask = mask == null || last ? mask
                    : Resampler.resize(mask, levels.get(level)[0], levels.get(level)[1], settings.tileable());
            requireLargeEnough(request.content(), "content", levelContent, network, deepest, contentFix);
            List<Map<String, INDArray>> styleGrams = new ArrayList<>();
            for (int i = 0; i < styles.size(); i++) {
                RgbImage style = fitStyle(styleSources.get(i), levelContent, settings.styleScale());
                requireLargeEnough(styles.get(i).image(), "style", style, network, deepest,
                        "use a larger styleScale or style image");
                styleGrams.add(request.styleGrams().get(styles.get(i).image(), style, network, styleLayers));
            }
            INDArray contentInput = VggPreprocessing.toNetworkInput(levelContent, DataType.FLOAT);
            try (BlendedGrams target = BlendedGrams.of(styleGrams, styleWeights);
                 StyleObjective objective = new StyleObjective(network, settings, contentInput, target.grams(),
                         positionMask(request, levelContent, levelMask, settings))) {
                image = image == null ? initialImage(settings, contentInput)
                        : enlarge(image, levelContent, settings.tileable());
                long prepared = System.nanoTime();
                prepareNanos += prepared - levelStart;

                listener.started(levelContent.width(), levelContent.height(), settings.iterations(), backend);
                result = optimize(image, objective, settings, last ? listener : ProgressListener.NONE,
                        levelContent.alpha(), finish);
                optimizeNanos += System.nanoTime() - prepared;
                evaluations += objective.evaluations();
            }
        }

        List<IterationLoss> losses = result.losses();
        RgbImage output = finish.apply(VggPreprocessing.toImage(image, content.alpha()));
        byte[] encoded = ImageWriter.encode(output, settings.format(), settings.jpegQuality());
        if (settings.snapshotEvery() > 0) {
            listener.snapshot(losses.get(losses.size() - 1).iteration(), output);
        }
        RunTimings timings = new RunTimings(prepareNanos / 1_000_000, optimizeNanos / 1_000_000,
                losses.get(losses.size() - 1).iteration(), evaluations, result.stop());
        return new StyleTransferResult(output, encoded, new RunSummary(backend, losses, timings));
    }

    /** One level's loss history, entry 0 its starting image, and why it ended. */
    private record Level(List<IterationLoss> losses, StopReason stop) {
    }

    /**
     * Optimizes {@code image} in place for up to {@code iterations} iterations, stopping early once the loss fell by
     * less than {@code tolerance} over the last {@link StyleSettings#TOLERANCE_WINDOW} iterations or the optimizer
     * stalled. With the setting {@code iterateAveraging}, the image left at the end is the iterates' average
     * ({@link IterateAverage}) and the history's last entry is replaced by the average's loss (the listener sees that
     * iteration twice). Snapshots, of the iterates themselves, pass through {@code finish}, as the output does.
     * Returns the loss history, entry 0 the starting image.
     */
    private static Level optimize(INDArray image, StyleObjective objective, StyleSettings settings,
                                  ProgressListener listener, float[] alpha, UnaryOperator<RgbImage> finish) {
        Optimizer optimizer = settings.optimizer() == StyleSettings.Optimizer.ADAM
                ? new Adam(settings.learningRate(), settings.adamBeta1(), settings.adamBeta2())
                : new Lbfgs(settings.learningRate());
        List<IterationLoss> losses = new ArrayList<>(settings.iterations() + 1);
        Evaluation current = objective.evaluate(image, true);
        record(losses, listener, 0, current, settings);
        StopReason stop = StopReason.ITERATIONS;
        try (IterateAverage average = settings.iterateAveraging() ? new IterateAverage(image) : null) {
            for (int iteration = 1; iteration <= settings.iterations(); iteration++) {
                Evaluation next = optimizer.step(image, current, objective);
                if (next != current) {
                    current.gradient().close(); // optimizers keep no reference to it: free its native memory now
                }
                current = next;
                if (optimizer.stopped() != null) {
                    stop = optimizer.stopped(); // the image did not move: no new history entry
                    break;
                }
                record(losses, listener, iteration, current, settings);
                if (average != null) {
                    average.add(image);
                }
                if (converged(losses, settings.tolerance())) {
                    stop = StopReason.TOLERANCE;
                    break;
                }
                if (listener != ProgressListener.NONE && settings.snapshotEvery() > 0
                        && iteration % settings.snapshotEvery() == 0
                        && iteration < settings.iterations()) {
                    listener.snapshot(iteration, finish.apply(VggPreprocessing.toImage(image, alpha)));
                }
            }
            current.gradient().close();
            if (average != null && average.count() > 0) {
                average.writeTo(image);
                IterationLoss last = losses.remove(losses.size() - 1);
                record(losses, listener, last.iteration(), objective.evaluate(image, false), settings);
            }
        }
        return new Level(losses, stop);
    }

    static boolean converged(List<IterationLoss> losses, double tolerance) {
        int window = StyleSettings.TOLERANCE_WINDOW;
        if (tolerance <= 0 || losses.size() <= window) {
            return false;
        }
        double before = losses.get(losses.size() - 1 - window).total();
        double now = losses.get(losses.size() - 1).total();
        return (before - now) < tolerance * Math.abs(before);
    }

    /**
     * The image sizes of the coarse-to-fine levels, coarsest first, the last being the content's own size. Each
     * level halves the one after it, stopping early rather than going below what the network's poolings need, in the
     * content or in any style image fitted to the level ({@link #fitStyle}): settings valid at full size are valid
     * at every level.
     */
    static List<int[]> levelSizes(RgbImage content, List<RgbImage> styles, double styleScale, int scales,
                                  int minimumSide) {
        List<int[]> sizes = new ArrayList<>();
        sizes.add(new int[]{content.width(), content.height()});
        for (int level = 1; level < scales; level++) {
            int width = (int) Math.round(content.width() / Math.pow(2, level));
            int height = (int) Math.round(content.height() / Math.pow(2, level));
            if (Math.min(width, height) < minimumSide || smallestStyleSide(styles, Math.max(width, height), styleScale)
                    < minimumSide) {
                break;
            }
            sizes.add(0, new int[]{width, height});
        }
        return sizes;
    }

    private static int smallestStyleSide(List<RgbImage> styles, int contentLongestSide, double styleScale) {
        int smallest = Integer.MAX_VALUE;
        for (RgbImage style : styles) {
            int[] size = PreparedSizes.style(style.width(), style.height(), contentLongestSide, styleScale);
            smallest = Math.min(smallest, Math.min(size[0], size[1]));
        }
        return smallest;
    }

    /**
     * The style image as the network sees it, before it is fitted to each level: as read with {@code none}; with
     * {@code luminance}, its luminance, grey, matched to the content's; with {@code histogram}, its colours given the
     * content's mean and covariance.
     */
    static RgbImage prepareStyle(RgbImage style, RgbImage content, StyleSettings.PreserveColors preserveColors) {
        return switch (preserveColors) {
            case NONE -> style;
            case LUMINANCE -> ColorTransfer.matchLuminance(style, content);
            case HISTOGRAM -> ColorTransfer.matchColors(style, content);
        };
    }

    /** The previous level's result resized to this level's content size, as the next starting image. */
    private static INDArray enlarge(INDArray image, RgbImage levelContent, boolean wrap) {
        RgbImage previous = VggPreprocessing.toImage(image, null);
        RgbImage enlarged = Resampler.resize(previous, levelContent.width(), levelContent.height(), wrap);
        return VggPreprocessing.toNetworkInput(enlarged, DataType.FLOAT);
    }

    /** The content image shrunk (never enlarged) so its longest side is at most {@code size}; wrapping if tileable. */
    static RgbImage fitContent(RgbImage content, int size, boolean wrap) {
        int[] fitted = PreparedSizes.content(content.width(), content.height(), size);
        if (fitted[0] == content.width() && fitted[1] == content.height()) {
            return content;
        }
        return Resampler.resize(content, fitted[0], fitted[1], wrap);
    }

    /**
     * How much each position of the level content counts: its alpha with {@code alphaMask}, times the content mask's
     * weight where one is given; null where neither applies, so every position counts fully.
     */
    private static PositionMask positionMask(StyleTransferRequest request, RgbImage levelContent, RgbImage levelMask,
                                             StyleSettings settings) {
        float[] alpha = settings.alphaMask() && levelContent.hasAlpha() ? levelContent.alpha() : null;
        float[] weights = levelMask == null ? alpha : ContentMask.weights(levelMask);
        if (alpha != null && levelMask != null) {
            for (int p = 0; p < weights.length; p++) {
                weights[p] *= alpha[p];
            }
        }
        if (weights == null) {
            return null;
        }
        PositionMask mask = new PositionMask(weights, levelContent.width(), levelContent.height(),
                settings.tileable());
        String empty = mask.emptyLayer(settings.layersRead());
        if (empty == null) {
            return mask;
        }
        String size = levelContent.width() + "x" + levelContent.height();
        if (levelMask == null) {
            throw new InvalidSettingException("alphaMask", "the content image " + request.content() + " as used ("
                    + size + ") has no opaque pixel that reaches layer " + empty + ", so nothing would be styled; use"
                    + " an image with opaque pixels or set alphaMask to false");
        }
        throw new StylizeException("The content mask " + request.contentMask() + " as used (" + size + ") has no"
                + (alpha == null ? "" : " opaque") + " white pixel that reaches layer " + empty + ", so nothing would"
                + " be styled; paint white where the style goes, or remove the contentMask");
    }

    /** The style image scaled so its longest side is {@code styleScale} times the content's. */
    static RgbImage fitStyle(RgbImage style, RgbImage content, double styleScale) {
        int[] fitted = PreparedSizes.style(style.width(), style.height(), Math.max(content.width(), content.height()),
                styleScale);
        if (fitted[0] == style.width() && fitted[1] == style.height()) {
            return style;
        }
        return Resampler.resize(style, fitted[0], fitted[1]);
    }

    private static void requireLargeEnough(Path file, String role, RgbImage image, VggNetwork network,
                                           String deepest, String fix) {
        int minimum = 1 << network.poolings();
        if (image.width() < minimum || image.height() < minimum) {
            throw new InvalidSettingException(role.equals("style") ? "styleScale" : "size",
                    "the " + role + " image " + file + " is " + image.width() + "x" + image.height()
                            + " pixels as used, but layer " + deepest + " (block "
                            + Vgg19Layers.block(deepest) + ") needs at least " + minimum
                            + " pixels on each side; " + fix + ", or shallower layers");
        }
    }

    private static INDArray initialImage(StyleSettings settings, INDArray content) {
        if (settings.init() == StyleSettings.Init.CONTENT) {
            return content.dup();
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        float[] noise = new float[(int) content.length()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextDouble(-NOISE_AMPLITUDE, NOISE_AMPLITUDE);
        }
        INDArray image = Nd4j.create(noise, content.shape(), DataType.FLOAT);
        if (settings.init() == StyleSettings.Init.BLEND) {
            double ratio = settings.noiseRatio();
            image.muli(ratio).addi(content.mul(1 - ratio));
        }
        return image;
    }

    private static void record(List<IterationLoss> losses, ProgressListener listener, int iteration,
                               Evaluation evaluation, StyleSettings settings) {
        IterationLoss loss = new IterationLoss(iteration, evaluation.content(), evaluation.style(), evaluation.tv(),
                evaluation.total());
        String where = " at iteration " + iteration + " (content " + evaluation.content() + ", style "
                + evaluation.style() + ", tv " + evaluation.tv() + ")";
        if (!evaluation.isFinite()) {
            throw new StylizeException("The loss became " + evaluation.total() + where + ": the optimization diverged "
                    + "and nothing was written. " + (settings.optimizer() == StyleSettings.Optimizer.ADAM
                    ? "Lower learningRate (now " + settings.learningRate() + "), e.g. to " + settings.learningRate() / 10
                    + ", or lower contentWeight/styleWeight/tvWeight."
                    : "L-BFGS accepts only points with a finite loss (learningRate only sets its first step), so the "
                    + "loss overflowed before it moved: lower contentWeight/styleWeight/tvWeight, or check the "
                    + "weights file."));
        }
        if (!evaluation.gradientIsFinite()) {
            throw new StylizeException("The gradient holds NaN or infinite values" + where + " although the loss is "
                    + "finite: the network's backward pass overflowed and nothing was written. Lower "
                    + "contentWeight/styleWeight/tvWeight, or check the weights file.");
        }
        losses.add(loss);
        listener.iteration(loss);
    }
}
