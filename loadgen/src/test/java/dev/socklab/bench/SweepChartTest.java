package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The sweep chart is well-formed SVG with a line a panel and a dot a run. */
class SweepChartTest {
    @Test
    void aSweepIsWellFormedSvgWithThroughputAndLatencyLines() throws Exception {
        List<BenchResult> sweep = List.of(Results.pingpong(1, 9000, 150), Results.pingpong(10, 40000, 600),
                Results.pingpong(100, 85210.3, 2310), Results.pingpong(1000, 80000, 25000));

        Document svg = parse(SweepChart.svg(sweep));

        Element root = svg.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getElementsByTagNameNS("*", "polyline").getLength()).isEqualTo(2);
        assertThat(svg.getElementsByTagNameNS("*", "circle").getLength()).isEqualTo(8);
        List<String> texts = texts(svg.getElementsByTagNameNS("*", "text"));
        assertThat(texts).contains("Throughput, operations per second",
                "Latency, 99th percentile, microseconds (logarithmic scale)", "100", "1k", "10k", "100k",
                "connections (logarithmic scale)", "1", "10", "100", "1k");
        assertThat(texts(svg.getElementsByTagNameNS("*", "title"))).contains("100 connections: 85210.3 ops/s",
                "1000 connections: 25000.0 us p99");
    }

    @Test
    void runsThatTimedNothingLeaveTheirDotOutOfTheLatencyLine() throws Exception {
        Document svg = parse(SweepChart.svg(List.of(Results.refused(1), Results.pingpong(2, 100, 20))));

        assertThat(svg.getElementsByTagNameNS("*", "circle").getLength()).isEqualTo(3);
        assertThat(texts(svg.getElementsByTagNameNS("*", "text"))).contains("connections");
    }

    @Test
    void latenciesWithinAHundredTimesStayOnALinearAxisFromZero() {
        SweepChart.YAxis y = SweepChart.YAxis.of(new double[] {150, 600, 2310});

        assertThat(y.logarithmic()).isFalse();
        assertThat(y.ticks()).containsExactly(0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0);
        assertThat(y.share(2500)).isEqualTo(1.0);
    }

    @Test
    void latenciesSpanningAHundredTimesGoOnALogAxisBetweenPowersOfTen() {
        SweepChart.YAxis y = SweepChart.YAxis.of(new double[] {150, 600, 2310, 25_000});

        assertThat(y.logarithmic()).isTrue();
        assertThat(y.ticks()).containsExactly(100.0, 1000.0, 10_000.0, 100_000.0);
        assertThat(y.share(1000)).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void axisTopsAndLabelsAreRound() {
        assertThat(SweepChart.niceMax(85210.3)).isEqualTo(100_000);
        assertThat(SweepChart.niceMax(2310)).isEqualTo(2500);
        assertThat(SweepChart.niceMax(0)).isEqualTo(1);
        assertThat(SweepChart.compact(1500)).isEqualTo("1.5k");
        assertThat(SweepChart.compact(20_000_000)).isEqualTo("20M");
        assertThat(SweepChart.escape("a<b & \"c\"")).isEqualTo("a&lt;b &amp; &quot;c&quot;");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
