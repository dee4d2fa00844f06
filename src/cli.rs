//! The command line: clap definitions, and their translation into a [`Config`] that the rest
//! of the crate reads. No other module sees clap's parsed types.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::DiagnosticStyle;
use crate::export::dot::{Cluster, DotOptions, RankDir};
use crate::load::DataLocation;
use crate::model::{CountryCode, Date, KindId, RelationType, Theme};
use crate::query::time::TimeFilter;

mod help;

use help::{connect_help, limits, path_help, DATA_HELP, EXIT_CODES, TIME_HELP};

#[derive(Debug, Parser)]
#[command(
    name = "vnla-graph",
    version,
    about = "A sourced knowledge graph of Vietnam–Laos relations: validate, query, draw",
    long_about = "vnla-graph loads curated YAML about Vietnam–Laos relations (entities, typed \
relations, each backed by a verbatim quote from a source document), validates it with \
located diagnostics, answers questions about it and exports it.",
    after_help = format!("Examples:\n  vnla-graph validate --sources ../shared/seeds\n  vnla-graph show Kaysone\n  vnla-graph export --format json > graph.json\n\n{DATA_HELP}\n\n{EXIT_CODES}"),
)]
pub(crate) struct Cli {
    /// Data folder holding schema.yaml, sources.yaml, entities/ and relations/
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,

    /// How problems in the data are shown: rich snippets or one plain line each
    #[arg(long, global = true, value_enum, default_value_t = DiagnosticsArg::Auto)]
    diagnostics: DiagnosticsArg,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiagnosticsArg {
    /// Rich on a terminal, plain otherwise
    Auto,
    Rich,
    Plain,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the data and report every problem with its file, line and column
    #[command(after_help = format!("Examples:\n  vnla-graph validate\n  vnla-graph validate --sources ../shared/seeds\n  vnla-graph --data my-data validate --diagnostics plain\n\n{}\n\n{EXIT_CODES}", limits()))]
    Validate {
        /// Also prove every quote verbatim against the source texts in DIR
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Counts by kind and relation type, connectivity, most connected entities
    #[command(after_help = format!("Examples:\n  vnla-graph stats\n  vnla-graph stats --top 20 --format json\n\n{EXIT_CODES}"))]
    Stats {
        /// How many of the most connected entities to list
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,
        #[command(flatten)]
        format: FormatArg,
    },
    /// One entity with all its relations, dates and quotes
    #[command(after_help = format!("Names: an id, a name or alias (case and diacritics ignored), or\nthe start of one: `Kaysone`, `pham minh chinh`, `LPRP`.\n\nExamples:\n  vnla-graph show Kaysone\n  vnla-graph show \"Pham Minh Chinh\" --format json\n\n{EXIT_CODES}"))]
    Show {
        /// Entity id, name or alias
        name: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// The source documents: title, publisher, date, file, web address, quotes citing each
    #[command(after_help = format!("Examples:\n  vnla-graph sources\n  vnla-graph sources --format bibtex > vnla-graph.bib\n  vnla-graph sources --format csl-json > sources.json    # Zotero, pandoc --citeproc\n\n{EXIT_CODES}"))]
    Sources {
        /// Output format
        #[arg(long, value_enum, default_value_t = SourcesFormat::Text)]
        format: SourcesFormat,
    },
    /// Entities whose id, name, alias or description contains TEXT (best matches first)
    #[command(after_help = format!("Matches are ranked: the whole of a name, then a whole word, then the start of a\n\
word, then inside a word (`port` lists the ports before \"transport\").\n\n\
Examples:\n  vnla-graph search bank\n  vnla-graph search \"public security\" --format json\n  vnla-graph search --quotes \"special relationship\"\n\n{EXIT_CODES}"))]
    Search {
        /// Text to look for (case, diacritics and punctuation ignored)
        #[arg(value_parser = parse_search_text)]
        text: String,
        /// Search the quotes and notes of relations instead, and list those relations
        #[arg(long)]
        quotes: bool,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Write the graph as Graphviz DOT (for `dot -Tsvg`), JSON, CSV, GraphML, GEXF, Cypher, Mermaid,
    /// FollowTheMoney or an HTML explorer
    #[command(after_help = format!("The html format is one self-contained page (needs Graphviz to lay it out) to\n\
search, click, filter by kind, type, theme and year, and find paths in, offline.\n\n\
Examples:\n  vnla-graph export | dot -Tsvg > graph.svg\n  vnla-graph export --cluster kind --rankdir TB -o graph.dot\n  vnla-graph export --format json > graph.json\n  vnla-graph export --format csv -o graph-csv    # entities.csv, relations.csv\n  vnla-graph export --format graphml -o graph.graphml\n  vnla-graph export --format gexf --at 1977 -o 1977.gexf\n  vnla-graph export --format cypher | cypher-shell\n  vnla-graph export --focus Kaysone --format mermaid    # paste into a ```mermaid block\n  vnla-graph export --format ftm -o graph.ftm.json      # ftm validate, Aleph, OpenSanctions\n  vnla-graph export --format html -o graph.html --themes security,politics\n\n{TIME_HELP}\n\n{EXIT_CODES}"))]
    Export {
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Dot)]
        format: ExportFormat,
        /// Write to FILE (replaced only once complete) instead of stdout; a folder for csv
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Group nodes into boxes (DOT and HTML; none by default: the whole graph then fits A1)
        #[arg(long, value_enum, default_value_t = Cluster::None)]
        cluster: Cluster,
        /// Layout direction, left-right or top-bottom (DOT and HTML)
        #[arg(long, value_enum, default_value_t = RankDir::LeftRight)]
        rankdir: RankDir,
        #[command(flatten)]
        select: SelectArgs,
    },
    /// Draw the report views (whole graph, treaties, economy, ...) as .dot and .svg
    #[command(after_help = format!("Needs Graphviz `dot`. Files are replaced only when every view has rendered,\n\
all together, so a failed or interrupted run (Ctrl-C) leaves the earlier pictures as they\n\
were, and no temporary file.\n\n\
Examples:\n  vnla-graph render\n  vnla-graph render --out report/figures --formats svg,pdf,png\n  vnla-graph render --check    # CI: is output/ up to date with the data?\n\n{EXIT_CODES}"))]
    Render {
        /// Folder for the pictures
        #[arg(long, value_name = "DIR", default_value = "output")]
        out: PathBuf,
        /// Write nothing; exit 1 when a view's .dot or .md in DIR differs from the data
        #[arg(long)]
        check: bool,
        /// Picture formats to write beside each view's .dot and .md, drawn by Graphviz
        #[arg(long, value_enum, value_delimiter = ',', default_value = "svg")]
        formats: Vec<PictureFormat>,
    },
    /// How two entities are connected: the most informative chain of ties
    #[command(after_help = path_help())]
    Path {
        /// Where the path starts (id, name or alias)
        from: String,
        /// Where it ends
        to: String,
        /// The N best distinct paths
        #[arg(short, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=100))]
        k: u16,
        /// Every path as good as the best one (at most 100)
        #[arg(long, conflicts_with = "k")]
        all_shortest: bool,
        /// Follow relations only along their arrows (symmetric ones both ways)
        #[arg(long)]
        directed: bool,
        #[command(flatten)]
        links: LinkArgs,
        /// Each hop dated no earlier than the one before (a path through time)
        #[arg(long)]
        chronological: bool,
        /// After each path, what each hop and each entity passed through costs
        #[arg(long)]
        explain: bool,
        /// Output format
        #[arg(long, value_enum, default_value_t = PathFormat::Text)]
        format: PathFormat,
    },
    /// How several entities are connected: the cheapest set of ties joining them all
    #[command(after_help = connect_help())]
    Connect {
        /// The entities to connect (ids, names or aliases; two or more)
        #[arg(required = true, num_args = 2.., value_name = "NAME")]
        names: Vec<String>,
        #[command(flatten)]
        links: LinkArgs,
        /// After the tree, what each tie and each entity passed through costs
        #[arg(long)]
        explain: bool,
        /// Output format
        #[arg(long, value_enum, default_value_t = PathFormat::Text)]
        format: PathFormat,
    },
    /// Who is tied to an entity, directly or within N hops, grouped by relation type
    #[command(after_help = format!("Lists every relation among the entities within --depth hops: what `export --focus NAME\n--depth N` draws, with the same filters.\n\nExamples:\n  vnla-graph neighbors Kaysone\n  vnla-graph neighbors BIDV --depth 2 --types invested_in,funded\n  vnla-graph neighbors BIDV --depth 2 --format markdown\n\n{TIME_HELP}\n\n{EXIT_CODES}"))]
    Neighbors {
        /// Entity id, name or alias
        name: String,
        /// How many hops out (1 or more)
        #[arg(long, default_value_t = 1, value_name = "N", value_parser = at_least_one)]
        depth: usize,
        /// Only relations of these types (comma-separated)
        #[arg(long, value_name = "TYPES", value_delimiter = ',')]
        types: Vec<String>,
        #[command(flatten)]
        time: TimeArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Dated relations in time order, for one entity or the whole graph
    #[command(after_help = format!("Dates keep their precision: 1966, 2023-01, 2019-02-24.\n\n\
States are placed at their start and shown with their span (1975–, 1955–1992, as of 2024).\n\n\
--format dot draws one entity's timeline for Graphviz: a year axis (one rank per year, or\n\
per decade when the years would not fit an A4 page), each tie at the year it starts, a\n\
state as a bar down to its end (an open one to the last year shown), numbered [n] with its\n\
quotes in the tooltip, and a key.\n\n\
Examples:\n  vnla-graph timeline Kaysone\n  vnla-graph timeline --since 1975 --until 1990 --format markdown\n  vnla-graph timeline Kaysone --format dot | dot -Tsvg > kaysone-timeline.svg\n  vnla-graph timeline LPRP --format dot --since 1990 -o lprp.dot\n\n{TIME_HELP}\n\n{EXIT_CODES}"))]
    Timeline {
        /// Entity id, name or alias (all relations when omitted; needed for dot)
        name: Option<String>,
        #[command(flatten)]
        time: TimeArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
        format: TimelineFormat,
        /// Write to FILE (replaced only once complete) instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  vnla-graph completions bash > ~/.local/share/bash-completion/completions/vnla-graph\n  vnla-graph completions zsh > ~/.zfunc/_vnla-graph"
    )]
    Completions {
        /// Shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command with --all
    #[command(
        after_help = "Examples:\n  vnla-graph man > vnla-graph.1 && man ./vnla-graph.1\n  vnla-graph man --all -o ~/.local/share/man/man1    # vnla-graph.1, vnla-graph-path.1, ..."
    )]
    Man {
        /// Write vnla-graph.1 and a page for each command (vnla-graph-path.1, ...) into -o DIR
        #[arg(long, requires = "out")]
        all: bool,
        /// The folder for --all
        #[arg(short, long, value_name = "DIR", requires = "all")]
        out: Option<PathBuf>,
    },
}

/// What part of the graph to draw.
#[derive(Debug, Args)]
struct SelectArgs {
    /// Only the neighbourhood of this entity
    #[arg(long, value_name = "NAME")]
    focus: Option<String>,
    /// How many hops around --focus (1 or more)
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus", value_parser = at_least_one)]
    depth: usize,
    /// Only entities of these kinds (comma-separated)
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    kinds: Vec<String>,
    /// Only relations of these types (comma-separated)
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    types: Vec<String>,
    /// Only relations from these files of relations/ (e.g. security,economy)
    #[arg(long, value_name = "THEMES", value_delimiter = ',')]
    themes: Vec<String>,
    /// Leave out these entities (comma-separated names)
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    exclude: Vec<String>,
    /// Only relations with at least one end in this country (ISO code, e.g. LA)
    #[arg(long, value_name = "CC", value_parser = parse_country)]
    country: Option<CountryCode>,
    #[command(flatten)]
    time: TimeArgs,
}

/// A selection with names still to be resolved against the data.
#[derive(Debug)]
pub(crate) struct SelectRequest {
    pub(crate) focus: Option<String>,
    pub(crate) depth: usize,
    pub(crate) kinds: Vec<KindId>,
    pub(crate) types: Vec<RelationType>,
    pub(crate) themes: Vec<Theme>,
    pub(crate) exclude: Vec<String>,
    pub(crate) country: Option<CountryCode>,
    pub(crate) time: TimeFilter,
}

impl SelectArgs {
    fn into_request(self) -> Result<SelectRequest, clap::Error> {
        Ok(SelectRequest {
            focus: self.focus,
            depth: self.depth,
            kinds: self.kinds.into_iter().map(KindId::from).collect(),
            types: self.types.into_iter().map(RelationType::from).collect(),
            themes: self.themes.into_iter().map(Theme::from).collect(),
            exclude: self.exclude,
            country: self.country,
            time: self.time.filter()?,
        })
    }
}

/// What a path (or each link of `connect`'s tree) may use, and how it is ranked.
#[derive(Debug, Args)]
struct LinkArgs {
    /// Fewest hops, without the hub penalty
    #[arg(long)]
    plain: bool,
    /// At most N hops (for connect: each link between two named entities)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_hops: Option<u32>,
    /// Only relations of these types (comma-separated)
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    via: Vec<String>,
    /// Never pass through these entities (comma-separated names)
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    avoid: Vec<String>,
    /// Never pass through entities of these kinds (comma-separated; ends exempt)
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    avoid_kinds: Vec<String>,
    /// Only pass through entities of these kinds (comma-separated; ends exempt)
    #[arg(long, value_name = "KINDS", value_delimiter = ',')]
    via_kinds: Vec<String>,
    #[command(flatten)]
    time: TimeArgs,
    /// Only ties the sources state as facts, no claims they report
    #[arg(long)]
    facts_only: bool,
}

impl LinkArgs {
    fn into_request(self) -> Result<LinkRequest, clap::Error> {
        Ok(LinkRequest {
            plain: self.plain,
            max_hops: self.max_hops.map(|hops| hops as usize),
            via: self.via.into_iter().map(RelationType::from).collect(),
            avoid: self.avoid,
            avoid_kinds: self.avoid_kinds.into_iter().map(KindId::from).collect(),
            via_kinds: self.via_kinds.into_iter().map(KindId::from).collect(),
            time: self.time.filter()?,
            facts_only: self.facts_only,
        })
    }
}

/// Time filters shared by the commands that take them.
#[derive(Debug, Args)]
struct TimeArgs {
    /// Only relations in force at DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    at: Option<Date>,
    /// Only relations still in force on or after DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<Date>,
    /// Only relations already in force on or before DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<Date>,
    /// With a time filter, keep undated relations too (with --chronological: as holding at any time)
    #[arg(long)]
    undated: bool,
}

impl TimeArgs {
    /// The filter, or a usage error when no time passes it (`--since 2000 --until 1990`):
    /// an empty range is a mistake to point out, not an empty answer.
    fn filter(&self) -> Result<TimeFilter, clap::Error> {
        let bounds = [
            ("--since", self.since),
            ("--at", self.at),
            ("--until", self.until),
        ];
        let given: Vec<(&str, Date)> = bounds
            .into_iter()
            .filter_map(|(flag, date)| Some((flag, date?)))
            .collect();
        for (i, &(early, first)) in given.iter().enumerate() {
            for &(late, second) in &given[i + 1..] {
                if first.first_day() > second.last_day() {
                    return Err(clap::Error::raw(
                        clap::error::ErrorKind::ArgumentConflict,
                        format!("`{early} {first}` is after `{late} {second}`: no time is in both, so nothing could match\n"),
                    ));
                }
            }
        }
        Ok(TimeFilter {
            at: self.at,
            since: self.since,
            until: self.until,
            undated: self.undated,
        })
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|error| error.to_string())
}

/// Search text with something to look for: blank text or punctuation alone (which folding
/// drops) would match nothing, or everything.
fn parse_search_text(text: &str) -> Result<String, String> {
    if crate::names::fold(text).is_empty() {
        Err("give a letter or digit to look for (case, accents and punctuation are ignored)".into())
    } else {
        Ok(text.to_string())
    }
}

/// A count of hops: 0 would ask for the entity alone, with no tie to show.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("give 1 or more hops".into()),
        Ok(hops) => Ok(hops),
        Err(error) => Err(error.to_string()),
    }
}

/// Two ASCII letters, in either case (`la` is `LA`).
fn parse_country(text: &str) -> Result<CountryCode, String> {
    let code = CountryCode::from(text.to_ascii_uppercase());
    if code.is_well_formed() {
        Ok(code)
    } else {
        Err(format!(
            "`{text}` is not an ISO 3166 alpha-2 code: write two letters, such as `VN` or `LA`"
        ))
    }
}

#[derive(Debug, Args)]
struct FormatArg {
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

/// Text for people, JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    Text,
    Json,
}

/// Formats `sources` can write: for people, programs, BibTeX and CSL reference managers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SourcesFormat {
    Text,
    Json,
    Bibtex,
    CslJson,
}

/// Formats `export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// Graphviz DOT, to draw with `dot -Tsvg`
    Dot,
    /// The JSON contract (see the README)
    Json,
    /// entities.csv and relations.csv for neo4j-admin import and graph databases (-o DIR)
    Csv,
    /// GraphML with typed keys, for networkx, igraph, Gephi, yEd
    Graphml,
    /// GEXF 1.3 with dated edges, for Gephi's timeline and networkx
    Gexf,
    /// A Cypher script that MERGEs the graph into Neo4j, FalkorDB, Memgraph
    Cypher,
    /// A Mermaid flowchart for Markdown (GitHub, GitLab, Obsidian); best with --focus
    Mermaid,
    /// FollowTheMoney entities as JSON lines, for Aleph, OpenSanctions and `ftm`
    Ftm,
    /// The explorer: one offline HTML page to search, click and read (needs Graphviz)
    Html,
}

/// Formats a path answer can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PathFormat {
    Text,
    Markdown,
    Json,
    Dot,
    /// The paths as a Mermaid flowchart, for Markdown
    Mermaid,
}

/// Formats `show`, `neighbors` and `timeline` answer in: Markdown is footnoted, paste-ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Text,
    Markdown,
    Json,
}

/// Formats `timeline` answers in: those of [`ReportFormat`], and a drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TimelineFormat {
    Text,
    Markdown,
    Json,
    /// Graphviz DOT: the entity's ties along a year axis, states as bars (needs NAME)
    Dot,
}

/// What to do, resolved from the command line and environment.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) data: DataLocation,
    pub(crate) diagnostics: DiagnosticStyle,
    pub(crate) request: Request,
}

/// One subcommand and its arguments; names are resolved against the data by the command.
#[derive(Debug)]
pub(crate) enum Request {
    Validate(ValidateRequest),
    Stats(StatsRequest),
    Show(ShowRequest),
    Sources(SourcesFormat),
    Search(SearchRequest),
    Export(ExportRequest),
    Render(RenderRequest),
    Path(PathRequest),
    Connect(ConnectRequest),
    Neighbors(NeighborsRequest),
    Timeline(TimelineRequest),
    Completions(clap_complete::Shell),
    /// The man page to stdout, or every page into a folder.
    Man(Option<PathBuf>),
}

#[derive(Debug)]
pub(crate) struct ValidateRequest {
    /// The folder of source texts to prove quotes against.
    pub(crate) sources: Option<PathBuf>,
    pub(crate) format: OutputFormat,
}

#[derive(Debug)]
pub(crate) struct StatsRequest {
    pub(crate) top: usize,
    pub(crate) format: OutputFormat,
}

#[derive(Debug)]
pub(crate) struct ShowRequest {
    pub(crate) name: String,
    pub(crate) format: ReportFormat,
}

#[derive(Debug)]
pub(crate) struct SearchRequest {
    pub(crate) text: String,
    /// Search relations' quotes and notes, not entities.
    pub(crate) quotes: bool,
    pub(crate) format: OutputFormat,
}

#[derive(Debug)]
pub(crate) struct ExportRequest {
    pub(crate) format: ExportFormat,
    pub(crate) output: Option<PathBuf>,
    pub(crate) dot: DotOptions,
    pub(crate) select: SelectRequest,
}

#[derive(Debug)]
pub(crate) struct RenderRequest {
    pub(crate) out: PathBuf,
    pub(crate) check: bool,
    pub(crate) formats: Vec<PictureFormat>,
}

/// Pictures Graphviz draws from DOT (`dot -Tsvg`, `-Tpdf`, `-Tpng`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PictureFormat {
    Svg,
    Pdf,
    Png,
}

impl PictureFormat {
    /// Its file extension, also Graphviz's name for it.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            PictureFormat::Svg => "svg",
            PictureFormat::Pdf => "pdf",
            PictureFormat::Png => "png",
        }
    }
}

/// What a path (or each link of a `connect` tree) may use and how it is ranked, with names
/// still to be resolved against the data.
#[derive(Debug)]
pub(crate) struct LinkRequest {
    pub(crate) plain: bool,
    pub(crate) max_hops: Option<usize>,
    pub(crate) via: Vec<RelationType>,
    pub(crate) avoid: Vec<String>,
    pub(crate) avoid_kinds: Vec<KindId>,
    pub(crate) via_kinds: Vec<KindId>,
    pub(crate) time: TimeFilter,
    pub(crate) facts_only: bool,
}

/// A `path` question.
#[derive(Debug)]
pub(crate) struct PathRequest {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) k: usize,
    pub(crate) all_shortest: bool,
    pub(crate) directed: bool,
    pub(crate) links: LinkRequest,
    pub(crate) chronological: bool,
    /// List each path's cost charge by charge (not in DOT).
    pub(crate) explain: bool,
    pub(crate) format: PathFormat,
}

/// A `connect` question.
#[derive(Debug)]
pub(crate) struct ConnectRequest {
    pub(crate) names: Vec<String>,
    pub(crate) links: LinkRequest,
    /// List the tree's cost charge by charge (not in DOT).
    pub(crate) explain: bool,
    pub(crate) format: PathFormat,
}

#[derive(Debug)]
pub(crate) struct NeighborsRequest {
    pub(crate) name: String,
    pub(crate) depth: usize,
    pub(crate) types: Vec<RelationType>,
    pub(crate) time: TimeFilter,
    pub(crate) format: ReportFormat,
}

#[derive(Debug)]
pub(crate) struct TimelineRequest {
    /// All relations when `None`.
    pub(crate) name: Option<String>,
    pub(crate) time: TimeFilter,
    pub(crate) format: TimelineFormat,
    /// Where `-o` writes (atomically), else stdout.
    pub(crate) output: Option<PathBuf>,
}

impl Cli {
    /// The configuration, or a usage error clap could not catch (an empty time range).
    pub(crate) fn into_config(self) -> Result<Config, clap::Error> {
        // Read here rather than by clap, which takes an empty variable for an empty `--data`.
        let from_environment = std::env::var_os("VNLA_GRAPH_DATA")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from);
        let data = match self.data.or(from_environment) {
            Some(dir) => DataLocation::Folder(dir),
            // Anything named graph-data here is meant as the data: a file or a broken link
            // there is an error, not a silent fall back to the bundled copy.
            None if Path::new("graph-data").symlink_metadata().is_ok() => {
                DataLocation::Folder(PathBuf::from("graph-data"))
            }
            None => DataLocation::Bundled,
        };
        let diagnostics = match self.diagnostics {
            DiagnosticsArg::Auto => DiagnosticStyle::Auto,
            DiagnosticsArg::Rich => DiagnosticStyle::Rich,
            DiagnosticsArg::Plain => DiagnosticStyle::Plain,
        };
        Ok(Config {
            data,
            diagnostics,
            request: self.command.into_request()?,
        })
    }
}

impl Command {
    fn into_request(self) -> Result<Request, clap::Error> {
        Ok(match self {
            Command::Validate { sources, format } => Request::Validate(ValidateRequest {
                sources,
                format: format.format,
            }),
            Command::Stats { top, format } => Request::Stats(StatsRequest {
                top,
                format: format.format,
            }),
            Command::Show { name, format } => Request::Show(ShowRequest { name, format }),
            Command::Sources { format } => Request::Sources(format),
            Command::Search {
                text,
                quotes,
                format,
            } => Request::Search(SearchRequest {
                text,
                quotes,
                format: format.format,
            }),
            Command::Export {
                format,
                output,
                cluster,
                rankdir,
                select,
            } => {
                if format == ExportFormat::Csv && output.is_none() {
                    // Two files cannot go to one stdout.
                    return Err(clap::Error::raw(
                        clap::error::ErrorKind::MissingRequiredArgument,
                        "--format csv writes entities.csv and relations.csv into a folder: \
                         give it with `-o DIR`\n",
                    ));
                }
                Request::Export(ExportRequest {
                    format,
                    output,
                    dot: DotOptions {
                        cluster,
                        rankdir,
                        lists: true,
                        labels_on_lines: true,
                    },
                    select: select.into_request()?,
                })
            }
            Command::Render {
                out,
                check,
                formats,
            } => Request::Render(RenderRequest {
                out,
                check,
                formats,
            }),
            Command::Path {
                from,
                to,
                k,
                all_shortest,
                directed,
                links,
                chronological,
                explain,
                format,
            } => {
                refuse_explained_drawing(explain, format)?;
                Request::Path(PathRequest {
                    from,
                    to,
                    k: usize::from(k),
                    all_shortest,
                    directed,
                    links: links.into_request()?,
                    chronological,
                    explain,
                    format,
                })
            }
            Command::Connect {
                names,
                links,
                explain,
                format,
            } => {
                refuse_explained_drawing(explain, format)?;
                Request::Connect(ConnectRequest {
                    names,
                    links: links.into_request()?,
                    explain,
                    format,
                })
            }
            Command::Neighbors {
                name,
                depth,
                types,
                time,
                format,
            } => Request::Neighbors(NeighborsRequest {
                name,
                depth,
                types: types.into_iter().map(RelationType::from).collect(),
                time: time.filter()?,
                format,
            }),
            Command::Timeline {
                name,
                time,
                format,
                output,
            } => {
                if format == TimelineFormat::Dot && name.is_none() {
                    // A drawing of every dated tie would be a poster of hundreds of bars.
                    return Err(clap::Error::raw(
                        clap::error::ErrorKind::MissingRequiredArgument,
                        "--format dot draws one entity's timeline: give its name, \
                         `vnla-graph timeline NAME --format dot`\n",
                    ));
                }
                Request::Timeline(TimelineRequest {
                    name,
                    time: time.filter()?,
                    format,
                    output,
                })
            }
            Command::Completions { shell } => Request::Completions(shell),
            Command::Man { out, .. } => Request::Man(out),
        })
    }
}

/// `--explain` with `--format dot`: a drawing has no place for the sums, and silently
/// leaving them out would look like an answer to what was asked.
fn refuse_explained_drawing(explain: bool, format: PathFormat) -> Result<(), clap::Error> {
    if explain && format == PathFormat::Dot {
        return Err(clap::Error::raw(
            clap::error::ErrorKind::ArgumentConflict,
            "--explain lists costs in text, Markdown or JSON, not in a DOT drawing\n",
        ));
    }
    Ok(())
}

/// For `--k 3`, where `-k` was meant, a message that says so: clap's own tip (pass `--k` as
/// a value with `-- --k`) leads the wrong way.
pub(crate) fn short_option_with_two_dashes(
    error: &clap::Error,
    args: &[std::ffi::OsString],
) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(given)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    let name = given.strip_prefix("--")?;
    let mut letters = name.chars();
    let (Some(letter), None) = (letters.next(), letters.next()) else {
        return None;
    };
    let command = command();
    let known = std::iter::once(&command)
        .chain(command.get_subcommands())
        .flat_map(clap::Command::get_arguments)
        .any(|arg| arg.get_short() == Some(letter));
    // The value the user gave it, to echo the corrected option whole (`-k 3`).
    let value = args
        .iter()
        .skip_while(|arg| arg.to_str() != Some(given.as_str()))
        .nth(1)
        .and_then(|value| value.to_str())
        .filter(|value| !value.starts_with('-'))
        .map_or(String::new(), |value| format!(" {value}"));
    known.then(|| {
        format!(
            "error: unexpected argument `{given}`: a one-letter option takes one dash: `-{letter}{value}`\n\nFor more information, try '--help'."
        )
    })
}

/// The clap command, for completions and the man page.
pub(crate) fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cli_definition_is_consistent() {
        super::command().debug_assert();
    }
}
