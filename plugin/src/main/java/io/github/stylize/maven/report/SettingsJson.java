package io.github.stylize.maven.report;

import io.github.stylize.engine.Setting;
import io.github.stylize.engine.StyleSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/** The effective settings as a JSON object, named as in the configuration, in the order of the engine's table. */
public final class SettingsJson {
    private SettingsJson() {
    }

    public static Map<String, Object> of(StyleSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Setting<?> setting : StyleSettings.settings()) {
            m.put(setting.name(), json(setting, s));
        }
        m.put("algorithmVersion", StyleSettings.ALGORITHM_VERSION);
        return m;
    }

    private static <T> Object json(Setting<T> setting, StyleSettings s) {
        return setting.json(s.get(setting));
    }
}
