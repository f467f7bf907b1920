package dev.tessera.report;

/** How values are placed along a chart axis. */
public enum AxisScale
{
    /** Equal steps for equal differences. */
    LINEAR,
    /** Equal steps for equal ratios (base 10); values that are not positive are left out. */
    LOG
}
