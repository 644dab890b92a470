package io.github.stylize.maven.report;

import io.github.stylize.engine.StyleSettings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The effective settings as a JSON object, named as in the configuration. */
public final class SettingsJson {
    private SettingsJson() {
    }

    public static Map<String, Object> of(StyleSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", s.size());
        m.put("iterations", s.iterations());
        m.put("optimizer", lower(s.optimizer()));
        m.put("learningRate", s.learningRate());
        m.put("adamBeta1", s.adamBeta1());
        m.put("adamBeta2", s.adamBeta2());
        m.put("contentWeight", s.contentWeight());
        m.put("styleWeight", s.styleWeight());
        m.put("tvWeight", s.tvWeight());
        m.put("contentLayer", s.contentLayer());
        m.put("styleLayers", s.styleLayers());
        m.put("styleLayerWeights", s.styleLayerWeights());
        m.put("init", lower(s.init()));
        m.put("noiseRatio", s.noiseRatio());
        m.put("styleScale", s.styleScale());
        m.put("pooling", lower(s.pooling()));
        m.put("seed", s.seed());
        m.put("format", s.format().extension());
        m.put("jpegQuality", s.jpegQuality());
        m.put("snapshotEvery", s.snapshotEvery());
        m.put("scales", s.scales());
        m.put("tolerance", s.tolerance());
        m.put("algorithmVersion", StyleSettings.ALGORITHM_VERSION);
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
