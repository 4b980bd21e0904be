package dev.hermesharden.system.sshd;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line a running sshd was started with, from {@code /proc/PID/cmdline}: the options on
 * it that set what the files would ({@code -o Keyword=value}, {@code -f other_config}, {@code -p
 * port}). {@code sshd -T} reads the files only, so a daemon started as {@code sshd -D -o
 * PermitRootLogin=yes} (a systemd override, {@code SSHD_OPTS} in {@code /etc/default/ssh}) runs
 * other settings than every check reads.
 *
 * <p>OpenSSH 8.2 and later rewrite the listener's title to {@code sshd: /usr/sbin/sshd -D -o X=y
 * [listener] 0 of 10-100 startups}; older ones leave the arguments NUL-separated. Both are read; an
 * argument with a space in it is split there (its option letter is still seen).
 */
public final class SshdCommandLine {
  /** Options that take an argument (sshd(8)): the rest of the word, or the next word, is it. */
  private static final String WITH_ARGUMENT = "bcCEfghkopu";

  /** Options that set what sshd's files set. */
  private static final String SETTING = "ofp";

  private SshdCommandLine() {}

  /**
   * The setting options of {@code cmdline} (the raw file), each as written, e.g. {@code -o X=y}.
   */
  public static List<String> settingOptions(String cmdline) {
    String t = cmdline.replace('\0', ' ').strip();
    if (t.startsWith("sshd: ")) {
      t = t.substring("sshd: ".length());
    }
    int listener = t.indexOf(" [listener]");
    if (listener >= 0) {
      t = t.substring(0, listener);
    }
    String[] words = t.strip().split("\\s+");
    List<String> out = new ArrayList<>();
    for (int i = 1; i < words.length; i++) { // words[0] is the program
      String w = words[i];
      if (!w.startsWith("-") || w.length() < 2) {
        continue;
      }
      for (int c = 1; c < w.length(); c++) {
        char opt = w.charAt(c);
        if (WITH_ARGUMENT.indexOf(opt) < 0) {
          continue;
        }
        String arg =
            c + 1 < w.length() ? w.substring(c + 1) : i + 1 < words.length ? words[++i] : "";
        if (SETTING.indexOf(opt) >= 0) {
          out.add(("-" + opt + " " + arg).strip());
        }
        break; // the rest of this word was the argument
      }
    }
    return List.copyOf(out);
  }
}
