package io.vtp.course.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** course-service's own settings ({@code vtp.course.*}). */
@ConfigMapping(prefix = "vtp.course")
public interface CourseConfig {

    /** Most lines a roster import (text/csv) may have, header included. */
    @WithDefault("5000")
    int importMaxLines();

    /** Length of generated join codes (letters and digits without look-alikes such as 0/O, 1/I). */
    @WithDefault("8")
    int joinCodeLength();
}
