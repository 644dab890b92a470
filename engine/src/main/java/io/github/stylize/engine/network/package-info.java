/**
 * VGG19 on ND4J: layer names ({@link io.github.stylize.engine.network.Vgg19Layers}), the caffe preprocessing, the
 * frozen network's forward pass and hand-written input gradient ({@link io.github.stylize.engine.network.VggNetwork}),
 * and loading ND4J's fastest native build for this CPU ({@link io.github.stylize.engine.network.NativeBackend}).
 */
package io.github.stylize.engine.network;
