/** Optimizers over image pixels: Adam (the classic setup's) and L-BFGS (the paper's). */
package io.github.stylize.engine.optim;
