package org.openjobspec.ee.it.datasource;

import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/** Looks the sample's datasource up in JNDI and uses it inside a JTA transaction. */
@Path("datasource")
public class DataSourceProbe {

    @ApplicationPath("api")
    public static class ProbeApp extends Application {
    }

    @GET
    public String probe() throws Exception {
        InitialContext jndi = new InitialContext();
        DataSource ds = (DataSource) jndi.lookup("jdbc/ojs");
        UserTransaction tx = (UserTransaction) jndi.lookup("java:comp/UserTransaction");
        tx.begin();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
            rs.next();
            String answer = c.getMetaData().getDatabaseProductName() + " " + rs.getInt(1);
            tx.commit();
            return answer;
        } catch (Exception e) {
            tx.rollback();
            throw e;
        }
    }
}
