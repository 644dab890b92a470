package io.github.stylize.maven.mojo;

/** {@code <defaults>}: settings for every asset that does not set its own. */
public class Defaults extends SettingsOverrides {
}
