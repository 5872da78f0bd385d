package dev.topos.cli;

import picocli.CommandLine.IVersionProvider;

/** Version string from the jar manifest (or "dev" when run from classes). */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = ToposCli.class.getPackage().getImplementationVersion();
    return new String[] {"topos " + (v == null ? "dev" : v)};
  }
}
