import ArgumentParser
import ChainGraph
import ChainGraphServer
import Dispatch
import Glibc

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The interactive chain map (产业链图谱) in a browser: tree, regions, segments, firms, 招商 what-if.",
        discussion: """
            Loads the dataset once and serves a self-contained page (no network requests; 中文, English on a click) \
            and the JSON API of SPEC §7 (/api/openapi.json lists it). The API returns exactly the rows of the CLI's \
            --format json; analyses are computed on request and cached per region. Read-only: it never writes a \
            file. It listens on loopback (127.0.0.1) unless --host says otherwise; --port 0 picks a free port. \
            The URL is printed on stdout when the server listens; Ctrl-C stops it.

            Examples:
              chaingraph serve                                   # the bundled example, http://127.0.0.1:8080/
              chaingraph serve --dataset mydata/ --local 湖北/武汉 --port 9000
              curl 'http://127.0.0.1:8080/api/gaps?local=湖北'
            """
    )

    @OptionGroup var data: DatasetOptions

    @Option(name: .long, help: ArgumentHelp("The region the page opens with (default: the province with the most firms).", valueName: "R"))
    var local: RegionPath?

    @Option(name: .long, help: ArgumentHelp("Address to listen on (default 127.0.0.1, loopback only; 0.0.0.0 opens it to the network).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("TCP port (default 8080; 0 picks a free one).", valueName: "port"))
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0…65535, got \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host must name an address, e.g. 127.0.0.1") }
    }

    func run() throws {
        let path = try data.datasetPath()
        let graph = try data.loadGraph(path: path)
        let region: RegionPath
        if let local {
            region = try FixedRegionOption.resolve(local, graph, quiet: data.quiet)
        } else if let largest = ChainMapAPI.largestProvince(graph) {
            region = largest
            data.note("opening the map on \(largest), the province with the most firms (--local R chooses another)")
        } else {
            throw ChainGraphError.usage("serve needs firms with a region (the map is drawn for a region); add a region column to firms.csv")
        }
        let api = ChainMapAPI(graph: graph, defaultRegion: region, datasetName: path)
        let host = self.host, port = self.port, quiet = data.quiet
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            do {
                try await ChainMapServer.run(api, host: host, port: port) { bound in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    print("http://\(shown):\(bound)/")
                    fflush(nil)
                    if !quiet { printError("chaingraph: serving \(path) at http://\(shown):\(bound)/ (Ctrl-C stops)") }
                }
            } catch {
                failure.message = "cannot serve on \(host):\(port): \(error)"
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message {
            printError("chaingraph: error: \(message)")
            Glibc.exit(69)  // EX_UNAVAILABLE: the address is taken or cannot be bound
        }
    }

    /// The server task's error, read after it ended.
    private final class Failure: @unchecked Sendable {
        var message: String?
    }
}
