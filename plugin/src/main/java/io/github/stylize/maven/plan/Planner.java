package io.github.stylize.maven.plan;

import io.github.stylize.engine.InvalidSettingException;
import io.github.stylize.engine.PreparedSizes;
import io.github.stylize.engine.StyleSettings;
import io.github.stylize.engine.StylizeException;
import io.github.stylize.engine.WeightedStyle;
import io.github.stylize.engine.files.Digests;
import io.github.stylize.engine.image.ImageHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns declarations into a {@link Plan}: effective settings, resolved assets, validated ids and outputs, cache keys.
 * Reads only file headers and bytes for digests; never decodes an image or loads the engine's network code.
 */
public final class Planner {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final List<PlanProblem> problems = new ArrayList<>();
    /** id -> how the asset that took it is named. */
    private final Map<String, String> idOwners = new HashMap<>();
    private final List<PlannedAsset> assets = new ArrayList<>();
    private final List<String> batchIds = new ArrayList<>();
    private final WrittenDirectoryCheck written;
    /** Declared image sizes by file, each header read once; null for a header that cannot be read. */
    private final Map<Path, int[]> declaredSizes = new HashMap<>();
    private boolean defaultsInvalid;
    private long maxPixels;

    private Planner(PlanRequest request) {
        this.written = new WrittenDirectoryCheck(request.written());
    }

    /**
     * Plans {@code request}.
     *
     * @throws PlanException listing every problem found, if there is any
     */
    public static Plan plan(PlanRequest request) throws PlanException {
        return new Planner(request).run(request);
    }

    private Plan run(PlanRequest request) throws PlanException {
        maxPixels = request.maxPixels();
        checkDefaults(request.defaults());
        List<StylizationDeclaration> stylizations = request.stylizations();
        for (int i = 0; i < stylizations.size(); i++) {
            planStylization(stylizations.get(i), i, request.defaults());
        }
        List<BatchDeclaration> batches = request.batches();
        for (int i = 0; i < batches.size(); i++) {
            planBatch(batches.get(i), i, request.defaults());
        }
        if (stylizations.isEmpty() && batches.isEmpty()) {
            problems.add(new PlanProblem(null, "stylizations",
                    "nothing is declared; add a <stylizations><stylization> or a <batches><batch>, or set stylize.skip"));
        }
        checkOutputCollisions();
        if (request.weightsFile() != null) {
            String problem = written.problemWithFile(request.weightsFile());
            if (problem != null) {
                problems.add(new PlanProblem(null, "weights", problem));
            }
        }
        String previewProblem = Preview.problemWith(request.preview());
        if (previewProblem != null) {
            problems.add(new PlanProblem(null, "preview", previewProblem));
        }
        List<PlannedAsset> selected = Preview.apply(select(request.only()), previewProblem == null ? request.preview() : 0,
                this::declaredSize);
        String weightsIdentity = weightsIdentity(request);
        if (!problems.isEmpty()) {
            throw new PlanException(problems);
        }
        List<PlannedAsset> keyed = withCacheKeys(selected, weightsIdentity);
        if (!problems.isEmpty()) {
            throw new PlanException(problems);
        }
        return new Plan(assets, keyed);
    }

    private void planStylization(StylizationDeclaration s, int index, Overrides defaults) {
        String description = ID.matcher(nullToEmpty(s.id())).matches()
                ? "stylization '" + s.id() + "'" : "stylization #" + (index + 1);
        boolean ok = claimId(description, s.id(), "stylization");
        StyleSettings settings = effectiveSettings(description, defaults, s.overrides());
        ok &= checkImage(description, "content", s.content());
        ok &= s.contentMask() == null || checkContentMask(description, s.content(), s.contentMask());
        List<WeightedStyle> styles = styles(description, s.style(), s.styles());
        ok &= styles != null;
        String output = null;
        if (s.output() != null && !s.output().isBlank()) {
            output = checkOutputPath(description, "output", s.output());
            if (output != null && settings != null) {
                output = checkExtension(description, "output", s.output(), output, settings.format());
            }
        } else if (settings != null && ID.matcher(nullToEmpty(s.id())).matches()) {
            output = s.id() + "." + settings.format().extension();
        }
        if (ok && settings != null && output != null && stylesFit(description, s.content(), styles, settings)) {
            assets.add(new PlannedAsset(s.id(), description, new PlannedAsset.Inputs(s.content(), s.contentMask(), styles),
                    output, settings));
        }
    }

    private void planBatch(BatchDeclaration b, int index, Overrides defaults) {
        String description = ID.matcher(nullToEmpty(b.id())).matches()
                ? "batch '" + b.id() + "'" : "batch #" + (index + 1);
        boolean ok = claimId(description, b.id(), "batch");
        if (ok) {
            batchIds.add(b.id());
        }
        StyleSettings settings = effectiveSettings(description, defaults, b.overrides());
        List<WeightedStyle> styles = styles(description, b.style(), b.styles());
        ok &= styles != null;
        String outputDirectory = "";
        if (b.outputDirectory() != null && !b.outputDirectory().isBlank()) {
            try {
                outputDirectory = OutputPaths.normalize(b.outputDirectory());
                String nameProblem = outputDirectory.isEmpty() ? null : OutputPaths.nameProblem(outputDirectory);
                if (nameProblem != null) {
                    throw new IllegalArgumentException(nameProblem);
                }
            } catch (IllegalArgumentException e) {
                problems.add(new PlanProblem(description, "outputDirectory", e.getMessage()));
                ok = false;
            }
        }
        List<String> files = scan(description, b);
        if (!ok || settings == null || files == null) {
            return;
        }
        for (String relative : files) {
            String itemId = b.id() + "/" + OutputPaths.withoutExtension(relative);
            String itemDescription = "batch '" + b.id() + "' file '" + relative + "'";
            Path content = b.directory().resolve(relative);
            String problem = ImageFiles.problemWith(content);
            if (problem != null) {
                problems.add(new PlanProblem(itemDescription, "includes", problem
                        + "; or leave it out with an <exclude>"));
                continue;
            }
            if (!claimId(itemDescription, itemId, "batch file") || !stylesFit(itemDescription, content, styles, settings)) {
                continue;
            }
            String output = OutputPaths.join(outputDirectory,
                    OutputPaths.withoutExtension(relative) + "." + settings.format().extension());
            String outputProblem = OutputPaths.nameProblem(output);
            if (outputProblem != null) {
                problems.add(new PlanProblem(itemDescription, "outputDirectory", "the output " + outputProblem));
                continue;
            }
            assets.add(new PlannedAsset(itemId, itemDescription, content, styles, output, settings));
        }
    }

    /** Matching files relative to the batch directory, with '/' separators, sorted; null after a problem. */
    private List<String> scan(String description, BatchDeclaration b) {
        if (b.directory() == null) {
            problems.add(new PlanProblem(description, "directory",
                    "is missing; set <directory> to the folder holding the content images"));
            return null;
        }
        if (!Files.isDirectory(b.directory())) {
            problems.add(new PlanProblem(description, "directory", b.directory()
                    + " is not an existing directory; fix the path (relative paths are resolved against the project directory)"));
            return null;
        }
        String overlap = written.problemWithDirectory(b.directory());
        if (overlap != null) {
            problems.add(new PlanProblem(description, "directory", overlap));
            return null;
        }
        List<String> includes = b.includes().isEmpty() ? BatchDeclaration.DEFAULT_INCLUDES : b.includes();
        BatchScan scan;
        try {
            scan = BatchScan.of(b.directory(), includes, b.excludes());
        } catch (IOException e) {
            problems.add(new PlanProblem(description, "directory", b.directory() + " cannot be read (" + e
                    + "); check its permissions"));
            return null;
        }
        scan.problems.forEach(p -> problems.add(new PlanProblem(description, "directory", "in " + b.directory()
                + ": " + p)));
        TreeSet<String> files = scan.files;
        if (files.isEmpty()) {
            problems.add(new PlanProblem(description, "includes", "no file in " + b.directory() + " matches includes "
                    + includes + (b.excludes().isEmpty() ? "" : " minus excludes " + b.excludes())
                    + "; fix the patterns or the directory, or remove the batch"));
            return null;
        }
        return List.copyOf(files);
    }

    private boolean claimId(String description, String id, String kind) {
        if (id == null || id.isBlank()) {
            problems.add(new PlanProblem(description, "id", "is missing; give each " + kind
                    + " a unique <id>, e.g. <id>harbor-mosaic</id>"));
            return false;
        }
        // Batch file ids are derived from file names, which need not follow the pattern for declared ids.
        if (!kind.equals("batch file") && !ID.matcher(id).matches()) {
            problems.add(new PlanProblem(description, "id", "'" + id
                    + "' is not allowed; use letters, digits, '.', '_' and '-', starting with a letter or digit"));
            return false;
        }
        String nameProblem = OutputPaths.nameProblem(id);
        if (nameProblem != null) {
            boolean fromFile = kind.equals("batch file");
            problems.add(new PlanProblem(description, fromFile ? "includes" : "id", "the id " + nameProblem
                    + (fromFile ? " (the id comes from the file's name: rename the file, or leave it out with an "
                    + "<exclude>)" : "")));
            return false;
        }
        String owner = idOwners.putIfAbsent(id, description);
        if (owner != null) {
            problems.add(new PlanProblem(description, "id", "'" + id + "' is already the id of " + owner
                    + "; give every stylization and batch its own id"));
            return false;
        }
        return true;
    }

    /** Reports an invalid {@code <defaults>} once, instead of once for every asset that inherits it. */
    private void checkDefaults(Overrides defaults) {
        try {
            defaults.toSettings();
        } catch (InvalidSettingException e) {
            defaultsInvalid = true;
            problems.add(new PlanProblem("<defaults>", e.setting(), e.getMessage()));
        }
    }

    private StyleSettings effectiveSettings(String description, Overrides defaults, Overrides own) {
        Overrides mine = own == null ? Overrides.NONE : own;
        try {
            return defaults.overriddenBy(mine).toSettings();
        } catch (InvalidSettingException e) {
            boolean inherited = isUnsetIn(mine, e.setting());
            if (!(inherited && defaultsInvalid)) {
                problems.add(new PlanProblem(description, e.setting(), e.getMessage()
                        + (inherited && !Overrides.NONE.equals(defaults) ? " (with values from <defaults>)" : "")));
            }
            return null;
        }
    }

    /** Whether the asset leaves {@code setting} unset, so its value came from the defaults or the engine. */
    private static boolean isUnsetIn(Overrides own, String setting) {
        return !own.sets(setting);
    }

    /**
     * Whether the content mask is a readable image of the content's size, judged from the headers (an unreadable
     * content header is left to the content's own check and the engine).
     */
    private boolean checkContentMask(String description, Path content, Path mask) {
        if (!checkImage(description, "contentMask", mask)) {
            return false;
        }
        int[] contentSize = declaredSize(content);
        int[] maskSize = declaredSize(mask);
        if (contentSize != null && maskSize != null
                && (contentSize[0] != maskSize[0] || contentSize[1] != maskSize[1])) {
            problems.add(new PlanProblem(description, "contentMask", mask + " is " + maskSize[0] + "x" + maskSize[1]
                    + " but the content image " + content + " is " + contentSize[0] + "x" + contentSize[1]
                    + "; export the mask at the content's size (white where the style goes, black where the content"
                    + " stays)"));
            return false;
        }
        return true;
    }

    private boolean checkImage(String description, String parameter, Path file) {
        if (file == null) {
            problems.add(new PlanProblem(description, parameter, "is missing; set <" + parameter
                    + "> to an image file, e.g. <" + parameter + ">src/main/stylize/" + parameter + "/image.png</"
                    + parameter + ">"));
            return false;
        }
        String problem = imageProblem(file);
        if (problem != null) {
            problems.add(new PlanProblem(description, parameter, problem));
            return false;
        }
        return true;
    }

    /** Null, or why {@code file} cannot be an input image: not a usable image, or inside a directory the build writes. */
    private String imageProblem(Path file) {
        String problem = ImageFiles.problemWith(file);
        return problem != null ? problem : written.problemWithFile(file);
    }

    /**
     * The asset's style images: its {@code <style>} with weight 1, or its {@code <styles>} with theirs; null after a
     * problem (both or neither declared, a missing or unusable file, a weight that is not a finite number > 0).
     */
    private List<WeightedStyle> styles(String description, Path style, List<StyleDeclaration> declared) {
        if (declared == null) {
            return checkImage(description, "style", style) ? List.of(WeightedStyle.of(style)) : null;
        }
        if (style != null) {
            problems.add(new PlanProblem(description, "styles", "is set together with <style>; keep one: <style> for"
                    + " a single image, or <styles> with a <style><image>...</image><weight>...</weight></style> per"
                    + " image to blend several"));
            return null;
        }
        if (declared.isEmpty()) {
            problems.add(new PlanProblem(description, "styles", "holds no <style>; add one"
                    + " <style><image>src/main/stylize/styles/waves.png</image><weight>1</weight></style> per image,"
                    + " or use <style> for a single image"));
            return null;
        }
        List<WeightedStyle> styles = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            StyleDeclaration d = declared.get(i);
            String which = "<style> #" + (i + 1) + " of <styles>";
            boolean ok = true;
            if (d.image() == null) {
                problems.add(new PlanProblem(description, "styles", which + " has no <image>; set it to the style"
                        + " image file, e.g. <image>src/main/stylize/styles/waves.png</image>"));
                ok = false;
            } else {
                String problem = imageProblem(d.image());
                if (problem != null) {
                    problems.add(new PlanProblem(description, "styles", which + ": " + problem));
                    ok = false;
                }
            }
            Double weight = weight(description, which, d);
            if (ok && weight != null) {
                styles.add(new WeightedStyle(d.image(), weight));
            }
        }
        return styles.size() == declared.size() ? List.copyOf(styles) : null;
    }

    /** The declared weight, or null after a problem naming the style and the fix. */
    private Double weight(String description, String which, StyleDeclaration d) {
        String fix = "; give each style a <weight> that is a finite number > 0, e.g. <weight>0.5</weight> (weights"
                + " are relative: 0.7 and 0.3 blend as 7 and 3 do)";
        String image = d.image() == null ? "" : " (" + d.image().getFileName() + ")";
        if (d.weight() == null) {
            problems.add(new PlanProblem(description, "styles", which + image + " has no <weight>" + fix));
            return null;
        }
        double weight;
        try {
            weight = Double.parseDouble(d.weight().trim());
        } catch (NumberFormatException e) {
            weight = Double.NaN;
        }
        if (!Double.isFinite(weight) || weight <= 0) {
            problems.add(new PlanProblem(description, "styles", which + image + ": weight '" + d.weight()
                    + "' is not allowed" + fix));
            return null;
        }
        return weight;
    }

    /** Whether every style fits ({@link #styleFits}); each one that does not is a problem. */
    private boolean stylesFit(String description, Path content, List<WeightedStyle> styles, StyleSettings settings) {
        boolean fit = true;
        for (WeightedStyle style : styles) {
            fit &= styleFits(description, content, style.image(), settings);
        }
        return fit;
    }

    /**
     * Whether the style, enlarged by {@code styleScale} to the content's size as used, stays within maxPixels; judged
     * from the headers, so a too large style is a problem before any work rather than a failed matrix product. An
     * unreadable header is left to the engine, which names what is wrong with the file.
     */
    private boolean styleFits(String description, Path content, Path style, StyleSettings settings) {
        int[] contentSize = declaredSize(content);
        int[] styleSize = declaredSize(style);
        if (contentSize == null || styleSize == null) {
            return true;
        }
        String problem = PreparedSizes.styleProblem(style.toString(), styleSize[0], styleSize[1],
                PreparedSizes.content(contentSize[0], contentSize[1], settings.size()), settings.styleScale(), maxPixels);
        if (problem != null) {
            problems.add(new PlanProblem(description, "styleScale", problem));
        }
        return problem == null;
    }

    private int[] declaredSize(Path file) {
        return declaredSizes.computeIfAbsent(file.toAbsolutePath().normalize(), ImageHeaders::declaredSize);
    }

    private String checkOutputPath(String description, String parameter, String output) {
        String normalized;
        try {
            normalized = OutputPaths.normalize(output);
        } catch (IllegalArgumentException e) {
            problems.add(new PlanProblem(description, parameter, e.getMessage()));
            return null;
        }
        if (normalized.isEmpty()) {
            problems.add(new PlanProblem(description, parameter, "'" + output
                    + "' names the output directory itself; give a file name such as 'images/harbor.png'"));
            return null;
        }
        String nameProblem = OutputPaths.nameProblem(normalized);
        if (nameProblem != null) {
            problems.add(new PlanProblem(description, parameter, nameProblem));
            return null;
        }
        return normalized;
    }

    private String checkExtension(String description, String parameter, String output, String normalized,
                                  StyleSettings.Format format) {
        String extension = OutputPaths.extension(normalized);
        String expected = format.extension();
        if (extension.isEmpty()) {
            problems.add(new PlanProblem(description, parameter, "'" + output + "' has no file extension; name it '"
                    + normalized + "." + expected + "'"));
            return null;
        }
        boolean matches = extension.equals(expected)
                || (format == StyleSettings.Format.JPG && extension.equals("jpeg"));
        if (!matches) {
            problems.add(new PlanProblem(description, parameter, "'" + output + "' does not end in ." + expected
                    + " but the format is " + expected + "; name it '" + OutputPaths.withoutExtension(normalized)
                    + "." + expected + "' or set <format>" + (expected.equals("png") ? "jpg" : "png") + "</format>"));
            return null;
        }
        return normalized;
    }

    private void checkOutputCollisions() {
        // Compared case-insensitively: on macOS and Windows two such names are one file.
        Map<String, PlannedAsset> owners = new LinkedHashMap<>();
        for (PlannedAsset asset : assets) {
            PlannedAsset owner = owners.putIfAbsent(asset.output().toLowerCase(Locale.ROOT), asset);
            if (owner != null) {
                problems.add(new PlanProblem(asset.description(), "output", "'" + asset.output()
                        + "' is also written by " + owner.description() + "; give each asset its own output"));
            }
        }
    }

    private List<PlannedAsset> select(java.util.Set<String> only) {
        if (only.isEmpty()) {
            return assets;
        }
        List<PlannedAsset> selected = new ArrayList<>();
        for (String wanted : new TreeSet<>(only)) {
            boolean known = idOwners.containsKey(wanted);
            if (!known) {
                List<String> known2 = new ArrayList<>(new TreeSet<>(idOwners.keySet()));
                problems.add(new PlanProblem(null, "only", "'" + wanted + "' (in stylize.only) is no asset or batch id; known ids: "
                        + (known2.size() > 20 ? known2.subList(0, 20) + "..." : known2)));
            }
        }
        for (PlannedAsset asset : assets) {
            boolean inBatch = batchIds.stream().anyMatch(b -> only.contains(b) && asset.id().startsWith(b + "/"));
            if (only.contains(asset.id()) || inBatch) {
                selected.add(asset);
            }
        }
        return selected;
    }

    private String weightsIdentity(PlanRequest request) {
        try {
            return request.weightsIdentity().get();
        } catch (StylizeException e) {
            problems.add(new PlanProblem(null, "weights", e.getMessage()));
            return null;
        }
    }

    private List<PlannedAsset> withCacheKeys(List<PlannedAsset> selected, String weightsIdentity) {
        Map<Path, String> digests = new HashMap<>();
        List<PlannedAsset> keyed = new ArrayList<>();
        for (PlannedAsset asset : selected) {
            try {
                String content = digests.computeIfAbsent(asset.content().toAbsolutePath().normalize(), Planner::digest);
                List<CacheKeys.StyleDigest> styles = new ArrayList<>();
                for (WeightedStyle style : asset.styles()) {
                    styles.add(new CacheKeys.StyleDigest(digests.computeIfAbsent(
                            style.image().toAbsolutePath().normalize(), Planner::digest), style.weight()));
                }
                String mask = asset.contentMask() == null ? null
                        : digests.computeIfAbsent(asset.contentMask().toAbsolutePath().normalize(), Planner::digest);
                keyed.add(asset.withCacheKey(new InputDigests(content, mask, styles, weightsIdentity)));
            } catch (UncheckedIOException e) {
                problems.add(new PlanProblem(asset.description(), "content", "could not read an input image to hash it ("
                        + e.getCause().getMessage() + "); check the file"));
            }
        }
        return keyed;
    }

    private static String digest(Path file) {
        try {
            return Digests.sha256Hex(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
