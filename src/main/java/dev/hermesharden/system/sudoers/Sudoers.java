package dev.hermesharden.system.sudoers;

import java.util.List;
import java.util.Map;

/**
 * What one sudoers file says about who may use sudo ({@link SudoersParser}).
 *
 * @param userAliases {@code User_Alias} definitions by name
 */
public record Sudoers(
    List<Include> includes, Map<String, List<Item>> userAliases, List<Rule> rules) {
  public Sudoers {
    includes = List.copyOf(includes);
    userAliases = Map.copyOf(userAliases);
    rules = List.copyOf(rules);
  }

  /** {@code @include PATH} or {@code @includedir PATH} (also spelled with {@code #}). */
  public record Include(int line, String path, boolean directory) {}

  /**
   * A user specification: who (its user list) may run something.
   *
   * @param noPasswd the rule carries a {@code NOPASSWD:} tag
   */
  public record Rule(int line, List<Item> users, boolean noPasswd) {
    public Rule {
      users = List.copyOf(users);
    }
  }

  /** One entry of a user list, as sudoers(5) spells it. */
  public record Item(Kind kind, String value, boolean negated, String text) {
    /** What an entry names. */
    public enum Kind {
      /** A user name. */
      USER,
      /** {@code #uid}. */
      UID,
      /** {@code %group}. */
      GROUP,
      /** {@code %#gid}. */
      GID,
      /** {@code ALL}: every user, present and future. */
      ALL,
      /** A {@code User_Alias} name (upper case). */
      ALIAS,
      /**
       * {@code +netgroup} or {@code %:group} (non-Unix group): who is in it cannot be read here.
       */
      OTHER
    }

    static Item of(String word, boolean negated) {
      String text = (negated ? "!" : "") + word;
      if (word.equals("ALL")) {
        return new Item(Kind.ALL, word, negated, text);
      }
      if (word.startsWith("%#") && isNumber(word.substring(2))) {
        return new Item(Kind.GID, word.substring(2), negated, text);
      }
      if (word.startsWith("%:") || word.startsWith("+") || word.startsWith("%#")) {
        return new Item(Kind.OTHER, word, negated, text);
      }
      if (word.startsWith("%")) {
        return new Item(Kind.GROUP, word.substring(1), negated, text);
      }
      if (word.startsWith("#") && isNumber(word.substring(1))) {
        return new Item(Kind.UID, word.substring(1), negated, text);
      }
      if (word.matches("[A-Z][A-Z0-9_]*")) {
        return new Item(Kind.ALIAS, word, negated, text);
      }
      return new Item(Kind.USER, word, negated, text);
    }

    private static boolean isNumber(String s) {
      // ids beyond nine digits are no account's (and would not fit an int)
      return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(Character::isDigit);
    }
  }
}
