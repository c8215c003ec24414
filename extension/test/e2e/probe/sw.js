// The probe needs no background work; the harness waits for a background to start.
