/** Optimizers over image pixels: Adam (the seed's) and L-BFGS (the paper's). */
package io.github.stylize.engine.optim;
