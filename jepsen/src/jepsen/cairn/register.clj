(ns jepsen.cairn.register
  "Sibling register: every write stores a unique integer. Blind writes send no
  context, so they must survive next to whatever is there as siblings.
  Context writes read the key first and write with the read's context; the
  completion records the sibling values that read returned as :supersedes,
  since those are exactly what the write replaces.

  The checker works on the graph of supersession (w supersedes v when v is in
  w's :supersedes, transitively) and the reads:

    lost           an ok write absent from every final read and not
                   superseded by any ok or info write (an info write may
                   have been applied, so it may have replaced it)
    resurrected    a value superseded by an ok write, present in a final read
    phantom        a read value that no write ever tried to store
    false siblings a read holding both v and a w that transitively supersedes
                   v: the store kept a value its successor replaced

  In lww mode concurrent writes replace each other silently, so ok writes go
  missing without anything superseding them: the negative control."
  (:require [clojure.set :as set]
            [jepsen [checker :as checker]
                    [client :as client]
                    [generator :as gen]
                    [independent :as independent]]
            [jepsen.cairn [client :as c]
                          [convergence :as convergence]]))

(defn key-name [k]
  (str "register-" k))

(defn- values->longs [values]
  (into (sorted-set) (map parse-long) values))

(defrecord Client [node]
  client/Client
  (open! [this test node]
    (assoc this :node node))

  (setup! [this test])

  (invoke! [this test op]
    (let [[k v] (:value op)
          kn    (key-name k)]
      (case (:f op)
        :blind-write
        (c/with-errors (assoc op :supersedes #{}) true
          (c/put-key! node kn (str v) nil "text/plain")
          (assoc op :type :ok, :supersedes #{}))

        :write
        (c/with-errors op false
          (let [{:keys [values context]} (c/get-key node kn)
                ; Recorded before the PUT so that an :info completion still
                ; says what the write would have replaced.
                op (assoc op :supersedes (values->longs values))]
            (c/with-errors op true
              (c/put-key! node kn (str v) context "text/plain")
              (assoc op :type :ok))))

        :read
        (c/with-errors op false
          (assoc op
                 :type  :ok
                 :value (independent/tuple
                          k (values->longs (:values (c/get-key node kn))))))

        :local-read
        (convergence/local-read! node kn op))))

  (teardown! [this test])

  (close! [this test]))

(defn writes
  "Unique integers, one write in three blind: enough blind writes to keep
  siblings coming, enough context writes to keep superseding them."
  []
  (map (fn [x] {:f (if (zero? (mod x 3)) :blind-write :write), :value x})
       (range)))

(defn reads []
  (repeat {:f :read, :value nil}))

(defn final-reads [ks]
  (gen/each-thread
    (map (fn [k] {:f :read, :final? true, :value (independent/tuple k nil)})
         ks)))

(defn- write? [op]
  (contains? #{:write :blind-write} (:f op)))

(defn reachable
  "Every value reachable from root in graph (a map of values to the sets of
  values they directly supersede). Iterative, and safe against cycles, which
  only a broken store could produce."
  [graph root]
  (loop [stack (vec (graph root))
         seen  #{}]
    (if-let [v (peek stack)]
      (if (seen v)
        (recur (pop stack) seen)
        (recur (into (pop stack) (graph v)) (conj seen v)))
      seen)))

(defn analysis
  "Analyses one key's history; see the namespace doc for the anomalies."
  [history]
  (let [attempted   (into #{} (comp (filter write?)
                                    (filter #(= :invoke (:type %)))
                                    (map :value))
                          history)
        ; Writes that happened or may have: :ok and :info completions.
        completed   (filter #(and (write? %) (#{:ok :info} (:type %))) history)
        ok-writes   (into (sorted-set) (comp (filter #(= :ok (:type %)))
                                             (map :value))
                          completed)
        graph       (into {} (map (juxt :value #(set (:supersedes %)))) completed)
        closure     (into {} (map (juxt identity (partial reachable graph)))
                          (keys graph))
        superseded  (reduce into #{} (vals closure))
        superseded-by-ok (reduce into #{} (map closure ok-writes))
        reads       (filter #(and (= :read (:f %)) (= :ok (:type %))) history)
        final-reads (filter :final? reads)
        final-vals  (reduce into #{} (map :value final-reads))
        lost        (into (sorted-set)
                          (remove #(or (final-vals %) (superseded %)))
                          ok-writes)
        resurrected (into (sorted-set) (filter superseded-by-ok) final-vals)
        phantom     (into (sorted-set)
                          (comp (mapcat :value) (remove attempted))
                          reads)
        false-sibs  (for [r reads
                          w (:value r)
                          :let [hidden (set/intersection (set (:value r))
                                                         (closure w #{}))]
                          :when (seq hidden)]
                      {:index (:index r), :value w, :supersedes hidden})]
    {:valid?              (cond (empty? final-reads) :unknown
                                (or (seq lost) (seq resurrected)
                                    (seq phantom) (seq false-sibs)) false
                                :else true)
     :ok-write-count      (count ok-writes)
     :final-read-count    (count final-reads)
     :final-values        (into (sorted-set) final-vals)
     :max-siblings        (reduce max 0 (map (comp count :value) reads))
     :lost                lost
     :resurrected         resurrected
     :phantom             phantom
     :false-siblings      (take 10 false-sibs)
     :false-sibling-count (count false-sibs)}))

(defn checker
  "Checks one key's history (use inside independent/checker)."
  []
  (reify checker/Checker
    (check [_ test history opts]
      (analysis history))))

(defn workload
  "Client, generator, final generator and checker for the sibling register."
  [opts]
  (let [ks (convergence/test-keys opts)]
    {:client          (map->Client {})
     :generator       (independent/concurrent-generator
                        (:threads-per-key opts)
                        ks
                        (fn [_] (gen/mix [(writes) (reads)])))
     :final-generator (gen/phases
                        (convergence/final-generator ks)
                        (final-reads ks))
     :checker         (independent/checker
                        (checker/compose
                          {:register    (checker)
                           :convergence (convergence/checker)}))}))
