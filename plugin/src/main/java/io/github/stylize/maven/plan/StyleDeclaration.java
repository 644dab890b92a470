package io.github.stylize.maven.plan;

import java.nio.file.Path;

/**
 * One {@code <style>} of a {@code <styles>} list, as declared.
 *
 * @param image  the style image (absolute, or relative to the project directory); null if absent
 * @param weight its blend weight as written, checked by the planner; null if absent
 */
public record StyleDeclaration(Path image, String weight) {
}
