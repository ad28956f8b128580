package org.openjobspec.ee.error;

/** The job, workflow, queue, cron entry or dead-letter entry does not exist (`not_found`, HTTP 404). */
public class OjsNotFoundException extends OjsException {

    private static final long serialVersionUID = 1L;

    public OjsNotFoundException(ErrorInfo info) {
        super(info);
    }

    public OjsNotFoundException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }
}
