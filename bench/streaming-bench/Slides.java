import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders the frames of a lecture's slides for streaming-bench.sh part 2: 1920x1080 PNGs with a title bar,
 * anti-aliased bullet text, a code listing and a bar chart, as a slide deck looks on screen. Each slide
 * is shown in STEPS states that reveal one more bullet at a time (the "small changes" between static
 * pictures), so the frames are named step-00.png, step-01.png, ... in showing order.
 *
 * <p>Usage: {@code java Slides.java DIR STEP_COUNT}. Needs a font (Debian's fonts-dejavu-core).
 */
public class Slides {
    private static final int W = 1920, H = 1080, STEPS = 3;

    private record Slide(String title, List<String> bullets, List<String> code, int[] bars) {}

    private static final List<Slide> DECK = List.of(
            new Slide("Adaptive bitrate streaming", List.of(
                    "A ladder encodes one source at several resolutions and rates",
                    "Segments of 4 s let the player switch at every boundary",
                    "Closed GOPs aligned across rungs keep switches seamless",
                    "The player measures throughput and buffer to pick a rung",
                    "Capped CRF spends bits only where the picture changes"),
                    List.of("#EXTM3U", "#EXT-X-STREAM-INF:BANDWIDTH=1100000,", "  RESOLUTION=854x480,CODECS=\"avc1.64001f\"",
                            "v1/index.m3u8"),
                    new int[] {500, 1000, 2000, 4000}),
            new Slide("Rate control in x264", List.of(
                    "CBR: a constant rate, padded when the scene is simple",
                    "ABR: an average rate over the whole file",
                    "CRF: a constant quality; the rate follows the content",
                    "VBV (maxrate, bufsize) caps the peaks for the network",
                    "mbtree lowers the QP of blocks that later frames reference"),
                    List.of("ffmpeg -i lecture.webm \\", "  -c:v libx264 -crf 23 \\", "  -maxrate 2M -bufsize 4M \\",
                            "  -g 60 -keyint_min 60 out.mp4"),
                    new int[] {23, 18, 28, 35, 21}),
            new Slide("Measuring quality: SSIM and PSNR", List.of(
                    "PSNR compares pixels: 10 log10(MAX^2 / MSE)",
                    "SSIM compares luminance, contrast and structure",
                    "Both need the reference scaled to the rung's size",
                    "Text and thin lines show ringing first",
                    "VMAF models the viewer but needs a trained model"),
                    List.of("[dist][ref]ssim=stats_file=-", "SSIM Y:0.9981 U:0.9990 V:0.9989", "All:0.9985 (28.2 dB)"),
                    new int[] {9985, 9962, 9941, 9990}),
            new Slide("Learning analytics from playback", List.of(
                    "Watched intervals merge into coverage per lecture",
                    "Rewatched seconds point at the hard parts",
                    "Stalls and rendition switches measure the network",
                    "Attendance joins live sessions and VOD windows",
                    "At-risk: low coverage, absences, falling activity"),
                    List.of("SELECT student_id, sum(seconds)", "  FROM watch_rollups", " WHERE course_id = $1",
                            " GROUP BY student_id;"),
                    new int[] {92, 75, 40, 88, 61, 97}));

    public static void main(String[] args) throws IOException {
        File dir = new File(args[0]);
        int count = Integer.parseInt(args[1]);
        dir.mkdirs();
        for (int i = 0; i < count; i++) {
            Slide slide = DECK.get((i / STEPS) % DECK.size());
            int shown = slide.bullets().size() - STEPS + 1 + i % STEPS;
            ImageIO.write(render(slide, shown, i / STEPS + 1), "png", new File(dir, String.format("step-%02d.png", i)));
        }
    }

    private static BufferedImage render(Slide slide, int bulletsShown, int number) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(new Color(0x1f3b73));
        g.fillRect(0, 0, W, 150);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
        g.drawString(slide.title(), 80, 100);
        g.setColor(new Color(0x222222));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        for (int b = 0; b < bulletsShown; b++) {
            g.fillOval(90, 250 + b * 90 - 22, 16, 16);
            g.drawString(slide.bullets().get(b), 130, 250 + b * 90);
        }
        drawCode(g, slide.code());
        drawChart(g, slide.bars());
        g.setColor(new Color(0x666666));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
        g.drawString("VTP lecture series  -  slide " + number, 80, H - 40);
        g.dispose();
        return image;
    }

    private static void drawCode(Graphics2D g, List<String> lines) {
        g.setColor(new Color(0xf3f4f6));
        g.fillRect(80, 720, 1000, 280);
        g.setColor(new Color(0x9ca3af));
        g.drawRect(80, 720, 1000, 280);
        g.setColor(new Color(0x0b5394));
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 32));
        for (int l = 0; l < lines.size(); l++) {
            g.drawString(lines.get(l), 110, 780 + l * 56);
        }
    }

    private static void drawChart(Graphics2D g, int[] bars) {
        int x0 = 1200, y0 = 980, height = 240, width = 600;
        int max = 0;
        for (int v : bars) {
            max = Math.max(max, v);
        }
        g.setColor(new Color(0x333333));
        g.setStroke(new BasicStroke(3));
        g.drawLine(x0, y0, x0 + width, y0);
        g.drawLine(x0, y0, x0, y0 - height - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        int step = width / bars.length;
        for (int i = 0; i < bars.length; i++) {
            int h = bars[i] * height / max;
            g.setColor(new Color(0x2e86c1));
            g.fillRect(x0 + i * step + 15, y0 - h, step - 30, h);
            g.setColor(new Color(0x333333));
            g.drawString(Integer.toString(bars[i]), x0 + i * step + 15, y0 + 32);
        }
    }
}
