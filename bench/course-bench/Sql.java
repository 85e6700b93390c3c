import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * Runs SQL statements against a database, one argument each, in autocommit mode, and prints the
 * rows of those that return any (tab-separated, no header). bench/course-bench.sh uses it instead
 * of psql, which local mode does not ship.
 * Usage: java -cp postgresql.jar Sql.java JDBC_URL USER PASSWORD STATEMENT...
 */
public class Sql {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Sql JDBC_URL USER PASSWORD STATEMENT...");
            System.exit(2);
        }
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]);
             Statement sql = db.createStatement()) {
            for (int i = 3; i < args.length; i++) {
                if (sql.execute(args[i])) {
                    try (ResultSet rows = sql.getResultSet()) {
                        ResultSetMetaData meta = rows.getMetaData();
                        while (rows.next()) {
                            StringBuilder line = new StringBuilder();
                            for (int c = 1; c <= meta.getColumnCount(); c++) {
                                if (c > 1) {
                                    line.append('\t');
                                }
                                line.append(rows.getString(c));
                            }
                            System.out.println(line);
                        }
                    }
                }
            }
        }
    }
}
