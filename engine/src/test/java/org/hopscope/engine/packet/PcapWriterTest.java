package org.hopscope.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.hopscope.engine.pcap.PcapUnavailableException;
import org.hopscope.engine.pcap.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the file PcapWriter produces byte by byte (tshark's reading of it: TsharkCrossCheckTest). */
class PcapWriterTest {
    /** LINKTYPE_RAW: the record starts with the IP header, v4 or v6. */
    private static final int LINKTYPE_RAW = 101;

    @TempDir
    Path dir;

    static PcapWriter openOrSkip(Path file, PcapWriter.Resolution resolution) throws IOException {
        try {
            return PcapWriter.open(file, resolution);
        } catch (PcapUnavailableException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("libpcap is required in CI: " + e.getMessage(), e);
            }
            assumeThat(e).as("libpcap unavailable: " + e.getMessage()).isNull();
            throw new AssertionError("unreachable");
        }
    }

    @Test
    void writesNanosecondTimestampsAndRawIpRecords() throws Exception {
        Path file = dir.resolve("nano.pcap");
        Instant t0 = Instant.ofEpochSecond(1_700_000_000L, 123_456_789L);
        byte[] v4 = SamplePackets.udp4(1, 33434, 33434);
        byte[] v6 = SamplePackets.timeExceeded6(true);
        try (PcapWriter w = openOrSkip(file, PcapWriter.Resolution.NANOSECONDS)) {
            w.write(v4, t0);
            w.write(v6, t0.plusNanos(1));
        }
        ClassicPcapReader.PcapFile pcap = ClassicPcapReader.read(Files.readAllBytes(file));
        assertThat(pcap.nanoseconds()).isTrue();
        assertThat(pcap.linkType()).isEqualTo(LINKTYPE_RAW);
        assertThat(pcap.records()).hasSize(2);
        assertThat(pcap.records().get(0).seconds()).isEqualTo(1_700_000_000L);
        assertThat(pcap.records().get(0).fraction()).isEqualTo(123_456_789L);
        assertThat(pcap.records().get(0).data()).isEqualTo(v4);
        assertThat(pcap.records().get(0).originalLength()).isEqualTo(v4.length);
        assertThat(pcap.records().get(1).fraction()).isEqualTo(123_456_790L);
        assertThat(pcap.records().get(1).data()).isEqualTo(v6);
    }

    @Test
    void writesMicrosecondTimestamps() throws Exception {
        Path file = dir.resolve("micro.pcap");
        try (PcapWriter w = openOrSkip(file, PcapWriter.Resolution.MICROSECONDS)) {
            w.write(SamplePackets.echo4(), Instant.ofEpochSecond(42, 999_999_999L));
            w.flush();
        }
        ClassicPcapReader.PcapFile pcap = ClassicPcapReader.read(Files.readAllBytes(file));
        assertThat(pcap.nanoseconds()).isFalse();
        assertThat(pcap.linkType()).isEqualTo(LINKTYPE_RAW);
        assertThat(pcap.records().get(0).seconds()).isEqualTo(42);
        assertThat(pcap.records().get(0).fraction()).isEqualTo(999_999L);
        assertThat(pcap.records().get(0).data()).isEqualTo(SamplePackets.echo4());
    }

    @Test
    void closingTwiceIsHarmlessAndWritingAfterCloseIsAnIoError() throws Exception {
        PcapWriter w = openOrSkip(dir.resolve("closed.pcap"), PcapWriter.Resolution.MICROSECONDS);
        w.close();
        w.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.write(new byte[20], Instant.EPOCH))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void anUnwritableFileIsAnIoError() throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("x.pcap");
        try {
            PcapWriter.open(missing, PcapWriter.Resolution.MICROSECONDS).close();
            throw new AssertionError("expected an IOException");
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("x.pcap");
        } catch (PcapUnavailableException e) {
            assumeThat(System.getenv("CI")).as("libpcap unavailable").isNotEqualTo("true");
        }
    }
}
