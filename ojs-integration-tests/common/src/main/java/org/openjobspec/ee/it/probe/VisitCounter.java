package org.openjobspec.ee.it.probe;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;

@Singleton
public class VisitCounter {

    private int visits;

    @Lock(LockType.WRITE)
    public int next() {
        return ++visits;
    }
}
