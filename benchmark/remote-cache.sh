#!/usr/bin/env bash
# The remote cache's figures in site/markdown/performance.md: a build's plugin time for N remote hits with an empty
# local cache against nginx on a loopback port (configured as site/markdown/remote-cache.md shows: WebDAV PUT, Basic
# auth for writes), and the balance of the shard split over the same assets.
#
#   benchmark/remote-cache.sh                 100 assets of mixed sizes, 4 shards, 3 measured runs
#   benchmark/remote-cache.sh --assets 300 --shards 6 --runs 5
#
# Installs nginx with apt-get when missing (needs root). Everything it writes is under benchmark/target/remote-cache.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. benchmark/lib.sh

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then apt_install nginx; fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
build_benchmark

work="$PWD/benchmark/target/remote-cache"
rm -rf "$work"
mkdir -p "$work/nginx/htdocs/cache" "$work/nginx/temp"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="bench-$RANDOM$RANDOM"
printf 'pusher:%s\n' "$(openssl passwd -apr1 "$password")" > "$work/nginx/htpasswd"
user_line=""
if [ "$(id -u)" -eq 0 ]; then user_line="user root;"; fi
cat > "$work/nginx/nginx.conf" <<CONF
$user_line
daemon off;
master_process off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx/temp/body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  client_max_body_size 64m;
  server {
    listen 127.0.0.1:$port;
    root $work/nginx/htdocs;
    location /cache/ {
      dav_methods PUT;
      create_full_put_path on;
      limit_except GET {
        auth_basic "stylize cache";
        auth_basic_user_file $work/nginx/htpasswd;
      }
    }
  }
}
CONF
"$nginx_bin" -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
trap 'kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done

machine_facts
java -cp "$benchmark_classpath" io.github.stylize.benchmark.RemoteCacheBenchmark \
  --url "http://127.0.0.1:$port/cache/" --user pusher --password "$password" --work "$work" "$@"
