package io.github.stylize.maven.report;

import io.github.stylize.maven.json.GoldenRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bytes of {@code report-<execution>.json}, pinned: a change of them is a change of the file format. */
class ExecutionRecordFormatTest {
    static final Path CONTENT = Path.of("/p/harbor.png");
    static final ReportEntry.Inputs ONE_STYLE = new ReportEntry.Inputs(CONTENT, "aa".repeat(32),
            List.of(new ReportEntry.StyleImage(Path.of("/p/mosaic.png"), 1, "bb".repeat(32))));
    /** A generated asset with everything recorded: a blend of two styles, a run that stalled with a NaN loss. */
    static final ReportEntry GENERATED = ReportEntry.builder("harbor", AssetStatus.GENERATED)
            .inputs(new ReportEntry.Inputs(CONTENT, "aa".repeat(32), List.of(
                    new ReportEntry.StyleImage(Path.of("/p/mosaic.png"), 0.75, "bb".repeat(32)),
                    new ReportEntry.StyleImage(Path.of("/p/wave.jpg"), 0.25, "cc".repeat(32)))))
            .output(Path.of("/p/out/harbor.png")).settings(GoldenRun.settings()).cacheKey("dd".repeat(32))
            .run(GoldenRun.RUN).weights(AssetMetadataFormatTest.WEIGHTS).buildMillis(41_350)
            .snapshots(List.of(new ReportEntry.Snapshot(10, Path.of("/p/out/harbor-10.png")),
                    new ReportEntry.Snapshot(20, Path.of("/p/out/harbor-20.png"))))
            .build();
    static final ReportEntry CACHED = ReportEntry.builder("dock", AssetStatus.CACHED).inputs(ONE_STYLE)
            .output(Path.of("/p/out/dock.png")).settings(Map.of("size", 64L)).cacheKey("ee".repeat(32))
            .run(GoldenRun.BARE_RUN).weights(new WeightsProvenance("random", "random", "random:seed=7"))
            .buildMillis(3).build();
    static final ReportEntry REMOTE = CACHED.toBuilder().id("pier").status(AssetStatus.REMOTE)
            .output(Path.of("/p/out/pier.png")).buildMillis(120).build();
    /** A failed asset: a reason, and no digests, key, run or weights. */
    static final ReportEntry FAILED = ReportEntry.builder("broken", AssetStatus.FAILED)
            .failure("cannot read /p/broken.png: \"not an image\"")
            .inputs(new ReportEntry.Inputs(Path.of("/p/broken.png"), null,
                    List.of(new ReportEntry.StyleImage(Path.of("/p/mosaic.png"), 1, null))))
            .output(Path.of("/p/out/broken.png")).buildMillis(1).build();
    static final ReportEntry SKIPPED = ReportEntry.builder("tower", AssetStatus.SKIPPED)
            .failure("left to shard 2/2").inputs(ONE_STYLE).output(Path.of("/p/out/tower.png"))
            .cacheKey("ff".repeat(32)).build();
    static final ReportEntry EARLIER = CACHED.toBuilder().id("old").output(Path.of("/p/out/old.png")).build()
            .asEarlierBuild();
    static final ExecutionRecord RECORD = new ExecutionRecord("default", "Harbor \"site\"", "2026-12-01T02:00:00Z",
            List.of(GENERATED, CACHED, REMOTE, FAILED, SKIPPED, EARLIER));

    static final String JSON = """
            {
              "layout": "stylize-report/1",
              "execution": "default",
              "title": "Harbor \\"site\\"",
              "writtenAt": "2026-12-01T02:00:00Z",
              "entries": [{
                "id": "harbor",
                "result": "generated",
                "failure": null,
                "earlierBuild": false,
                "content": "/p/harbor.png",
                "styles": [{
                  "file": "/p/mosaic.png",
                  "weight": 0.75,
                  "sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                }, {
                  "file": "/p/wave.jpg",
                  "weight": 0.25,
                  "sha256": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
                }],
                "contentSha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "output": "/p/out/harbor.png",
                "settings": {
                  "size": 256,
                  "styleWeight": 10000.0,
                  "initFrom": null,
                  "layers": ["conv1_1", "conv2_1"],
                  "tiles": {
                    "rows": 2,
                    "overlap": 0.25
                  },
                  "empty": {}
                },
                "cacheKey": "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
                "backend": "CPU (linux-x86_64)",
                "weights": {
                  "kind": "file",
                  "source": "/models/vgg19.h5",
                  "digest": "sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
                },
                "losses": [{
                  "iteration": 0,
                  "content": 1.5,
                  "style": 2.25,
                  "tv": 0.0,
                  "total": 3.75
                }, {
                  "iteration": 1,
                  "content": "NaN",
                  "style": "Infinity",
                  "tv": 1.0E-7,
                  "total": "-Infinity"
                }],
                "engineMillis": 41200,
                "timings": {
                  "prepareMillis": 1200,
                  "optimizeMillis": 40000,
                  "iterations": 1,
                  "evaluations": 312,
                  "millisPerEvaluation": 128.205,
                  "stop": "stalled"
                },
                "buildMillis": 41350,
                "snapshots": [{
                  "iteration": 10,
                  "file": "/p/out/harbor-10.png"
                }, {
                  "iteration": 20,
                  "file": "/p/out/harbor-20.png"
                }]
              }, {
                "id": "dock",
                "result": "cached",
                "failure": null,
                "earlierBuild": false,
                "content": "/p/harbor.png",
                "styles": [{
                  "file": "/p/mosaic.png",
                  "weight": 1.0,
                  "sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                }],
                "contentSha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "output": "/p/out/dock.png",
                "settings": {
                  "size": 64
                },
                "cacheKey": "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
                "backend": "GPU",
                "weights": {
                  "kind": "random",
                  "source": "random",
                  "digest": "random:seed=7"
                },
                "losses": [],
                "engineMillis": 5,
                "timings": {
                  "prepareMillis": 5,
                  "optimizeMillis": 0,
                  "iterations": 0,
                  "evaluations": 0,
                  "millisPerEvaluation": 0.0
                },
                "buildMillis": 3,
                "snapshots": []
              }, {
                "id": "pier",
                "result": "remote",
                "failure": null,
                "earlierBuild": false,
                "content": "/p/harbor.png",
                "styles": [{
                  "file": "/p/mosaic.png",
                  "weight": 1.0,
                  "sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                }],
                "contentSha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "output": "/p/out/pier.png",
                "settings": {
                  "size": 64
                },
                "cacheKey": "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
                "backend": "GPU",
                "weights": {
                  "kind": "random",
                  "source": "random",
                  "digest": "random:seed=7"
                },
                "losses": [],
                "engineMillis": 5,
                "timings": {
                  "prepareMillis": 5,
                  "optimizeMillis": 0,
                  "iterations": 0,
                  "evaluations": 0,
                  "millisPerEvaluation": 0.0
                },
                "buildMillis": 120,
                "snapshots": []
              }, {
                "id": "broken",
                "result": "failed",
                "failure": "cannot read /p/broken.png: \\"not an image\\"",
                "earlierBuild": false,
                "content": "/p/broken.png",
                "styles": [{
                  "file": "/p/mosaic.png",
                  "weight": 1.0,
                  "sha256": null
                }],
                "contentSha256": null,
                "output": "/p/out/broken.png",
                "settings": {},
                "cacheKey": null,
                "backend": null,
                "weights": null,
                "losses": [],
                "engineMillis": 0,
                "timings": null,
                "buildMillis": 1,
                "snapshots": []
              }, {
                "id": "tower",
                "result": "skipped",
                "failure": "left to shard 2/2",
                "earlierBuild": false,
                "content": "/p/harbor.png",
                "styles": [{
                  "file": "/p/mosaic.png",
                  "weight": 1.0,
                  "sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                }],
                "contentSha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "output": "/p/out/tower.png",
                "settings": {},
                "cacheKey": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "backend": null,
                "weights": null,
                "losses": [],
                "engineMillis": 0,
                "timings": null,
                "buildMillis": 0,
                "snapshots": []
              }, {
                "id": "old",
                "result": "cached",
                "failure": null,
                "earlierBuild": true,
                "content": "/p/harbor.png",
                "styles": [{
                  "file": "/p/mosaic.png",
                  "weight": 1.0,
                  "sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
                }],
                "contentSha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "output": "/p/out/old.png",
                "settings": {
                  "size": 64
                },
                "cacheKey": "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
                "backend": "GPU",
                "weights": {
                  "kind": "random",
                  "source": "random",
                  "digest": "random:seed=7"
                },
                "losses": [],
                "engineMillis": 5,
                "timings": {
                  "prepareMillis": 5,
                  "optimizeMillis": 0,
                  "iterations": 0,
                  "evaluations": 0,
                  "millisPerEvaluation": 0.0
                },
                "buildMillis": 3,
                "snapshots": []
              }]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theRecordIsWrittenByteForByteAsBefore() throws IOException {
        RECORD.write(dir);
        assertEquals(JSON, Files.readString(ExecutionRecord.file(dir, "default")));
    }

    @Test
    void aRecordInThatFormatReadsBackWhole() throws IOException {
        Files.writeString(ExecutionRecord.file(dir, "default"), JSON);
        assertEquals(RECORD, ExecutionRecord.read(dir, "default"));
        assertEquals(List.of(RECORD), ExecutionRecord.readAll(dir));
    }

    @Test
    void fieldsALaterPluginAddsAreIgnored() throws IOException {
        Files.writeString(ExecutionRecord.file(dir, "default"), JSON
                .replace("  \"title\": ", "  \"plugin\": {\"version\": \"9\"},\n  \"title\": ")
                .replace("    \"output\": ", "    \"outputSha256\": [1, 2],\n    \"output\": ")
                .replace("      \"weight\": ", "      \"gain\": null,\n      \"weight\": ")
                .replace("      \"iteration\": 10,", "      \"iteration\": 10,\n      \"width\": 64,"));
        assertEquals(List.of(RECORD), ExecutionRecord.readAll(dir));
    }
}
