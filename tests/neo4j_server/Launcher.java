// Starts an embedded Neo4j Community DBMS with Bolt on 127.0.0.1:<port>, no auth, data in <dir>.
// Prints "READY <port>" when it accepts connections; stops when stdin closes or on SIGTERM.
// Test-only: PolicyGraph's tests start it (tests/neo4j_server/server.py) to talk Bolt to a real server.
import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher DATA_DIR PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        System.out.println("READY " + port);
        System.out.flush();
        // Block until the parent closes our stdin (or kills us).
        while (System.in.read() != -1) {
            // ignore input
        }
        dbms.shutdown();
        System.exit(0);
    }
}
