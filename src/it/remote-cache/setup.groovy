import io.github.stylize.maven.it.ItFixtures

def dir = basedir.toPath()
ItFixtures.writeTinyWeights(dir.resolve('tiny-vgg.h5'))
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/harbor.png'), 48, 32, 0)
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/sprites/tree.png'), 40, 40, 1)
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/sprites/crate.png'), 32, 32, 2)
ItFixtures.drawContent(dir.resolve('src/main/stylize/content/sprites/boat.png'), 40, 24, 3)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/mosaic.png'), 32, 0)
ItFixtures.drawStyle(dir.resolve('src/main/stylize/styles/waves.png'), 32, 1)

// nginx on a loopback port, under the project (not target/); verify.groovy stops it, and so does this JVM's exit
def url = ItFixtures.startNginx(dir.resolve('nginx'))
def step = { int n, Map<String, String> props ->
    def all = ['it.cacheDirectory': dir.resolve("caches/step$n").toString()] + props
    dir.resolve("step${n}.properties").toFile().text = all.collect { k, v -> "$k=$v" }.join('\n') + '\n'
}
def basic = ['stylize.remoteCache.url': url + 'cache/', 'stylize.remoteCache.serverId': 'it-cache-writer',
             'stylize.remoteCache.push': 'true']
step(1, basic + ['stylize.shard': '1/3'])
step(2, basic + ['stylize.shard': '2/3'])
step(3, ['stylize.remoteCache.url': url + 'token/', 'stylize.remoteCache.serverId': 'it-cache-token',
         'stylize.remoteCache.push': 'true', 'stylize.shard': '3/3'])
step(4, ['stylize.remoteCache.url': url + 'cache/', 'stylize.requireCached': 'true'])
step(5, ['stylize.remoteCache.url': url + 'cache/', 'stylize.remoteCache.serverId': 'it-cache-wrong',
         'stylize.remoteCache.push': 'true', 'it.iterations': '5'])
step(6, ['stylize.remoteCache.url': url + 'cache/', 'stylize.requireCached': 'true'])
step(7, ['stylize.remoteCache.url': url + 'cache/'])
return true
