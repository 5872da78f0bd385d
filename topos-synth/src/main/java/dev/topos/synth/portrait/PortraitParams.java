package dev.topos.synth.portrait;

/**
 * Everything random about one portrait: camera, lights and background.
 *
 * @param size image width and height, pixels
 * @param focal35Mm 35 mm-equivalent focal length (diagonal definition), 35-105
 * @param yawDeg camera yaw around the head (+ = camera towards the head's left, +X), within +-60
 * @param pitchDeg camera pitch (+ = camera above the head, looking down), within +-25
 * @param rollDeg camera roll about its viewing axis, within +-15
 * @param fill fraction of the image height that 0.26 m (crown to neck) spans
 * @param ambient linear RGB of the uniform part of the environment
 * @param sky linear RGB added to the upper hemisphere and taken from the lower (SH band 1)
 * @param keyDirection unit direction towards the key light, world frame
 * @param keyKelvin colour temperature of the key light
 * @param keyIntensity key light intensity (radiance of a white surface facing it)
 * @param fillDirection unit direction towards the fill light
 * @param fillIntensity fill light intensity
 * @param background background kind: 0 solid, 1 vertical gradient, 2 smooth noise
 * @param backgroundA first background colour (sRGB 0xRRGGBB)
 * @param backgroundB second background colour (sRGB 0xRRGGBB)
 */
public record PortraitParams(
    int size, double focal35Mm, double yawDeg, double pitchDeg, double rollDeg, double fill,
    float[] ambient, float[] sky, float[] keyDirection, double keyKelvin, double keyIntensity,
    float[] fillDirection, double fillIntensity, int background, int backgroundA, int backgroundB) {}
