package io.github.stylize.engine;

/** A setting has a value the engine cannot run with; {@link #setting()} names it, the message says what is allowed. */
public final class InvalidSettingException extends StylizeException {
    private final String setting;

    public InvalidSettingException(String setting, String message) {
        super("Invalid setting '" + setting + "': " + message);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
