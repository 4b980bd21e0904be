package dev.hermesharden.checks.hermesdir;

import dev.hermesharden.host.FileStat;
import java.util.Optional;

/** HERMES_HOME (if found) and the {@code stat} of the path a check looks at (if it exists). */
public record DirectoryFacts(Optional<String> home, Optional<FileStat> stat) {}
