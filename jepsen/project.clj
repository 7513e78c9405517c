(defproject jepsen.cairn "0.1.0-SNAPSHOT"
  :description "Jepsen tests for Cairn, a Dynamo-style replicated key-value store"
  :license {:name "Apache License, Version 2.0"
            :url  "https://www.apache.org/licenses/LICENSE-2.0"}
  :dependencies [[org.clojure/clojure "1.12.0"]
                 [jepsen "0.3.7"]
                 ; Cairn speaks HTTP/JSON: clj-http for the requests, cheshire for
                 ; the 300 bodies and the set workload's JSON-array values.
                 [clj-http "3.13.0"]
                 [cheshire "5.13.0"]]
  :main jepsen.cairn
  :jvm-opts ["-Djava.awt.headless=true"
             "-Xmx4g"]
  :repl-options {:init-ns jepsen.cairn})
