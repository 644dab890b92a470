import java.nio.file.Files

// Story: a user adds ND4J's CUDA backend exactly as README.md documents it, with requireGpu, on a machine without a
// CUDA 11 GPU (every machine this project runs on). The configuration resolves and the CUDA backend is tried; ND4J
// falls back to the CPU, and requireGpu fails the build with its fix instead of silently running on the CPU.
def log = new File(basedir, 'build.log').text
assert log.contains('libcuda.so.1') : 'the CUDA backend was on the class path and was tried'
assert log.contains('requireGpu is set, but ND4J loaded CPU')
assert log.contains('org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1')
assert !Files.exists(basedir.toPath().resolve('target/generated-resources/stylize/harbor-waves.png'))
return true
