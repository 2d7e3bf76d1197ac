package io.stockwise.cli.forecast;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A fan chart of one series: its daily history (line), then per forecast day the 95% band
 * (q0.025–q0.975, light), the 50% band (q0.25–q0.75, darker) and the median (line), as SVG or PNG.
 *
 * @param id the series id (title)
 * @param historyStart the day of {@code history[0]}
 * @param history daily demand up to the cutoff
 * @param forecastStart the first forecast day
 * @param q025 the 0.025 quantiles per forecast day, likewise the others
 */
record FanChart(String id, LocalDate historyStart, double[] history, LocalDate forecastStart, double[] q025,
        double[] q25, double[] q50, double[] q75, double[] q975) {
    static final int W = 900;
    static final int H = 360;
    static final int LEFT = 60;
    static final int RIGHT = 20;
    static final int TOP = 40;
    static final int BOTTOM = 40;

    private int days() {
        return (int) (forecastStart.toEpochDay() - historyStart.toEpochDay()) + q50.length;
    }

    private double max() {
        double m = 1;
        for (double v : history) {
            m = Math.max(m, v);
        }
        for (double v : q975) {
            m = Math.max(m, v);
        }
        return m * 1.05;
    }

    private double x(long dayIndex) {
        return LEFT + (W - LEFT - RIGHT) * (dayIndex + 0.5) / days();
    }

    private double y(double v) {
        return TOP + (H - TOP - BOTTOM) * (1 - v / max());
    }

    private long offset() {
        return forecastStart.toEpochDay() - historyStart.toEpochDay();
    }

    /** The chart as an SVG document. */
    String svg() {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n", W, H, W, H));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-family=\"sans-serif\" font-size=\"15\">%s: history to %s, forecast median with 50%% and 95%% bands</text>%n",
                LEFT, escape(id), forecastStart.minusDays(1)));
        sb.append(band(q025, q975, "#c6dbef"));
        sb.append(band(q25, q75, "#6baed6"));
        sb.append(line(history, 0, "#333333"));
        sb.append(line(q50, offset(), "#08519c"));
        double top = max();
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"11\" text-anchor=\"end\">%.0f</text>%n",
                    LEFT - 6, y(v) + 4, v));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eeeeee\"/>%n", LEFT, W - RIGHT, y(v), y(v)));
        }
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999999\" stroke-dasharray=\"4 3\"/>%n",
                x(offset()) - 0.5 * (W - LEFT - RIGHT) / days(), x(offset()) - 0.5 * (W - LEFT - RIGHT) / days(), TOP, H - BOTTOM));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%s</text>%n", LEFT, H - 14, historyStart));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                W - RIGHT, H - 14, forecastStart.plusDays(q50.length - 1L)));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private String band(double[] lo, double[] hi, String color) {
        var sb = new StringBuilder("<path fill=\"" + color + "\" d=\"");
        long off = offset();
        for (int h = 0; h < hi.length; h++) {
            sb.append(h == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x(off + h), y(hi[h])));
        }
        for (int h = lo.length - 1; h >= 0; h--) {
            sb.append(String.format(Locale.ROOT, "L%.1f %.1f ", x(off + h), y(lo[h])));
        }
        return sb.append("Z\"/>\n").toString();
    }

    private String line(double[] v, long off, String color) {
        var sb = new StringBuilder("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"" + color + "\" points=\"");
        for (int i = 0; i < v.length; i++) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(off + i), y(v[i])));
        }
        return sb.append("\"/>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Writes the chart as PNG (Java2D, headless). */
    void writePng(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        var img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(id + ": history to " + forecastStart.minusDays(1) + ", forecast median with 50% and 95% bands", LEFT, 22);
        fill(g, q025, q975, new Color(0xc6dbef));
        fill(g, q25, q75, new Color(0x6baed6));
        g.setStroke(new BasicStroke(1.6f));
        draw(g, history, 0, new Color(0x333333));
        draw(g, q50, offset(), new Color(0x08519c));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        double top = max();
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            g.drawString(String.format(Locale.ROOT, "%.0f", v), 8, (float) y(v) + 4);
        }
        g.drawString(historyStart.toString(), LEFT, H - 14);
        g.drawString(forecastStart.plusDays(q50.length - 1L).toString(), W - RIGHT - 70, H - 14);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private void fill(Graphics2D g, double[] lo, double[] hi, Color c) {
        var p = new Path2D.Double();
        long off = offset();
        for (int h = 0; h < hi.length; h++) {
            if (h == 0) {
                p.moveTo(x(off + h), y(hi[h]));
            } else {
                p.lineTo(x(off + h), y(hi[h]));
            }
        }
        for (int h = lo.length - 1; h >= 0; h--) {
            p.lineTo(x(off + h), y(lo[h]));
        }
        p.closePath();
        g.setColor(c);
        g.fill(p);
    }

    private void draw(Graphics2D g, double[] v, long off, Color c) {
        var p = new Path2D.Double();
        for (int i = 0; i < v.length; i++) {
            if (i == 0) {
                p.moveTo(x(off + i), y(v[i]));
            } else {
                p.lineTo(x(off + i), y(v[i]));
            }
        }
        g.setColor(c);
        g.draw(p);
    }

    /** Writes SVG or PNG by the file name's extension. */
    void write(Path file) throws IOException {
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            writePng(file);
        } else {
            Files.writeString(file, svg(), StandardCharsets.UTF_8);
        }
    }
}
