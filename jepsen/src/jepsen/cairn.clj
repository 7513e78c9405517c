(ns jepsen.cairn
  "Entry point: `lein run test --nodes-file ~/nodes --workload set --nemesis
  partition,kill,pause,clock`. Builds the test map from the command line."
  (:require [clojure.string :as str]
            [jepsen [checker :as checker]
                    [cli :as cli]
                    [generator :as gen]
                    [tests :as tests]]
            [jepsen.nemesis.combined :as nc]
            [jepsen.os.debian :as debian]
            [jepsen.cairn [db :as db]
                          [register :as register]
                          [set :as cairn-set]]))

(def workloads
  "Workload names to functions of the options that build them."
  {:set      cairn-set/workload
   :register register/workload})

(def faults
  "The faults --nemesis accepts, as jepsen.nemesis.combined names them."
  #{:partition :kill :pause :clock})

(defn parse-faults
  "\"partition,kill\" -> #{:partition :kill}; \"none\" or \"\" -> #{}."
  [spec]
  (->> (str/split spec #",")
       (map str/trim)
       (remove #{"" "none"})
       (map keyword)
       set))

(defn cairn-test
  "Builds a test map from parsed command-line options."
  [opts]
  (let [workload-name (:workload opts)
        workload      ((workloads workload-name) opts)
        db            (db/db opts)
        nemesis       (nc/nemesis-package
                        {:db        db
                         :nodes     (:nodes opts)
                         :faults    (:nemesis opts)
                         ; Cairn has no primaries: every target is chosen
                         ; among all nodes. :majority includes the Riak
                         ; experiment's 2|3 split.
                         :partition {:targets [:one :majority :majorities-ring
                                               :minority-third]}
                         :kill      {:targets [:one :minority :majority :all]}
                         :pause     {:targets [:one :minority :majority]}
                         :interval  (:nemesis-interval opts)})]
    (merge tests/noop-test
           opts
           {:name        (str "cairn " (name workload-name)
                              (when (seq (:nemesis opts))
                                (str " " (str/join "," (map name (sort (:nemesis opts))))))
                              (when (:lww opts) " lww"))
            :os          debian/os
            :db          db
            :replication (:n (db/replication (:nodes opts)))
            :client      (:client workload)
            :nemesis     (:nemesis nemesis)
            :checker     (checker/compose
                           {:perf       (checker/perf {:nemeses (:perf nemesis)})
                            :stats      (checker/stats)
                            :exceptions (checker/unhandled-exceptions)
                            :workload   (:checker workload)})
            :generator   (gen/phases
                           (->> (:generator workload)
                                (gen/stagger (/ (:rate opts)))
                                (gen/nemesis (:generator nemesis))
                                (gen/time-limit (:time-limit opts)))
                           (gen/log "Healing: ending every fault")
                           (gen/nemesis (:final-generator nemesis))
                           (gen/log "Waiting for the cluster to quiesce")
                           (gen/sleep (:quiesce opts))
                           (gen/log "Final reads from every node")
                           (gen/clients (:final-generator workload)))})))

(defn- positive? [x]
  (and (number? x) (pos? x)))

(def cli-opts
  "Options beyond jepsen.cli's standard ones (--nodes-file, --time-limit,
  --concurrency, ...)."
  [["-w" "--workload NAME" "Workload: set or register."
    :default  :set
    :parse-fn keyword
    :validate [workloads (cli/one-of workloads)]]

   [nil "--nemesis FAULTS" "Comma-separated faults: partition, kill, pause, clock; or none."
    :default  #{}
    :parse-fn parse-faults
    :validate [(partial every? faults) (cli/one-of faults)]]

   [nil "--nemesis-interval SECONDS" "Mean seconds between operations of each fault."
    :default  10
    :parse-fn parse-long
    :validate [positive? "Must be a positive number"]]

   [nil "--tarball URL-OR-PATH" "Cairn release tarball: a URL the nodes can fetch, or a path on this machine to upload."
    :default  "cairn-0.1.0.tar.gz"]

   [nil "--lww" "Negative control: run the bucket in lww conflict mode, which must be reported as losing writes."
    :default  false]

   ["-r" "--rate HZ" "Approximate client requests per second, all threads together."
    :default  20
    :parse-fn parse-double
    :validate [positive? "Must be a positive number"]]

   [nil "--threads-per-key N" "Client threads per key; --concurrency must be a multiple of it."
    :default  5
    :parse-fn parse-long
    :validate [positive? "Must be a positive number"]]

   [nil "--quiesce SECONDS" "Seconds to wait after healing, before the final reads."
    :default  30
    :parse-fn parse-long
    :validate [positive? "Must be a positive number"]]])

(defn -main
  "Runs a test (`test`) or the web server over store/ (`serve`)."
  [& args]
  (cli/run! (merge (cli/single-test-cmd {:test-fn  cairn-test
                                         :opt-spec cli-opts})
                   (cli/serve-cmd))
            args))
