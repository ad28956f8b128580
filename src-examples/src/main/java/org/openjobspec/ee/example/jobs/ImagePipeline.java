package org.openjobspec.ee.example.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openjobspec.ee.JobContext;
import org.openjobspec.ee.JobHandler;
import org.openjobspec.ee.example.middleware.Audited;
import org.openjobspec.ee.example.jobs.Messages.ImageVariant;
import org.openjobspec.ee.example.jobs.Messages.ResizeImage;

/**
 * The steps of a chain: {@code image.resize} runs first, {@code image.publish} runs when it has succeeded and
 * reads the earlier steps' results from {@link JobContext#parentResults()}.
 */
@Audited
@ApplicationScoped
public class ImagePipeline {

    @JobHandler("image.resize")
    public ImageVariant resize(ResizeImage request) {
        return new ImageVariant(request.imageId(), request.width(),
                "/images/" + request.imageId() + "-" + request.width() + ".png");
    }

    @JobHandler("image.publish")
    public String publish(String cdnHost, JobContext job) {
        return "https://" + cdnHost + lastLocation(job.parentResults());
    }

    // the server may send the earlier results as an array (in step order) or as an object keyed "0", "1", ...
    private static String lastLocation(JsonValue parents) {
        if (parents instanceof JsonArray array && !array.isEmpty()) {
            return array.getJsonObject(array.size() - 1).getString("location");
        }
        if (parents instanceof JsonObject object && !object.isEmpty()) {
            return object.getJsonObject(String.valueOf(object.size() - 1)).getString("location");
        }
        throw new IllegalStateException("image.publish runs as a chain step after image.resize");
    }
}
