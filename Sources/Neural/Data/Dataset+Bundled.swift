import Foundation

extension Dataset {
    /// 1,797 handwritten digits as 8 × 8 images: 64 pixel features scaled from ink counts 0…16 to
    /// [0, 1] (divided by 16), and the digit 0–9 as one of 10 classes.
    ///
    /// UCI "Optical Recognition of Handwritten Digits" (Alpaydin and Kaynak, 1998), test split, CC BY 4.0.
    public static func digits() throws(CSVError) -> Dataset {
        var dataset = try bundledCSV("digits", problem: .multiclassClassification(classCount: 10),
                                     classNames: (0...9).map(String.init))
        dataset.features = dataset.features.map { $0 / 16 }
        return dataset
    }

    /// Fisher's 150 iris flowers: sepal and petal length and width in centimetres, and the species
    /// (setosa, versicolor, virginica) as one of 3 classes. Features are left unscaled.
    ///
    /// UCI "Iris" (R. A. Fisher, 1936), CC BY 4.0.
    public static func iris() throws(CSVError) -> Dataset {
        try bundledCSV("iris", problem: .multiclassClassification(classCount: 3),
                       classNames: ["setosa", "versicolor", "virginica"])
    }

    private static func bundledCSV(_ name: String, problem: Problem, classNames: [String]) throws(CSVError) -> Dataset {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv") else {
            throw .unreadable(file: "\(name).csv", reason: "the file is missing from the program's resources; reinstall or rebuild gradschool")
        }
        return try CSVLoader.load(contentsOf: url, options: CSVOptions(problem: problem, name: name, classNames: classNames))
    }
}
